package io.steelmill.it.inject;

import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.Named;
import io.steelmill.Provides;
import io.steelmill.runtime.Provider;
import java.util.concurrent.atomic.AtomicInteger;

/** A small graph for the injection tests: a chain, an unused daemon, qualifiers, providers. */
@Factory(modules = Graph.Config.class)
public interface Graph {
  Top top();

  Unused unused();

  Provider<Mid> mid();

  Slow slow();

  Ports ports();

  jakarta.inject.Provider<Leaf> leafProvider();

  /** Static provides methods the factory lists. */
  final class Config {
    private Config() {}

    @Provides
    @Named("admin")
    static int adminPort() {
      return 8081;
    }

    @Provides
    @Named("data")
    static int dataPort() {
      return 9092;
    }
  }

  @Provides
  static String clusterName() {
    return "blue";
  }

  @Daemon
  final class Leaf {
    Leaf() {}
  }

  @Daemon
  final class Mid {
    final Leaf leaf;

    Mid(Leaf leaf) {
      this.leaf = leaf;
    }
  }

  @Daemon
  final class Top {
    final Mid mid;
    final String cluster;

    Top(Mid mid, String cluster) {
      this.mid = mid;
      this.cluster = cluster;
    }
  }

  @Daemon
  final class Unused {
    Unused() {}
  }

  /** Counts its constructions and takes its time, to widen the race window. */
  @Daemon
  final class Slow {
    static final AtomicInteger CONSTRUCTIONS = new AtomicInteger();

    Slow() throws InterruptedException {
      CONSTRUCTIONS.incrementAndGet();
      Thread.sleep(2);
    }
  }

  /** Two qualified bindings of one type, and an {@code @Inject}-chosen constructor. */
  @Daemon
  final class Ports {
    final int admin;
    final int data;

    Ports() {
      this(0, 0);
    }

    @jakarta.inject.Inject
    Ports(@Named("admin") int admin, @Named("data") Integer data) {
      this.admin = admin;
      this.data = data;
    }
  }
}
