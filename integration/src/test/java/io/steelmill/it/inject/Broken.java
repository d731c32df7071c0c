package io.steelmill.it.inject;

import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.runtime.Provider;

/** Graphs whose construction fails at run time. */
@Factory
public interface Broken {
  Outer outer();

  SelfReferencing selfReferencing();

  @Daemon
  final class Disk {
    Disk() {
      throw new IllegalStateException("disk full");
    }
  }

  @Daemon
  final class Store {
    Store(Disk disk) {}
  }

  @Daemon
  final class Outer {
    Outer(Store store) {}
  }

  /** Calls its provider while being built: a cycle that only run time can see. */
  @Daemon
  final class SelfReferencing {
    SelfReferencing(Provider<Partner> partner) {
      partner.get();
    }
  }

  @Daemon
  final class Partner {
    Partner(SelfReferencing back) {}
  }
}
