package io.steelmill.it.lifecycle;

import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.runtime.Lifecycle;

/** A chain A <- B <- C whose daemons fail where the journal says. */
@Factory(injected = Journal.class)
public interface Failing {
  C c();

  /** Base of the scripted daemons: each phase records, and may throw. */
  abstract class Scripted implements Lifecycle {
    private final Journal journal;
    private final String name;
    private final java.util.concurrent.CountDownLatch stopped =
        new java.util.concurrent.CountDownLatch(1);

    Scripted(Journal journal, String name) {
      this.journal = journal;
      this.name = name;
    }

    @Override
    public void prepare() {
      journal.record(name, "prepare");
    }

    @Override
    public void run() throws InterruptedException {
      journal.record(name, "run");
      stopped.await();
    }

    @Override
    public void stop() {
      stopped.countDown();
      journal.record(name, "stop");
    }
  }

  @Daemon
  final class A extends Scripted {
    A(Journal journal) {
      super(journal, "A");
    }
  }

  @Daemon
  final class B extends Scripted {
    B(A a, Journal journal) {
      super(journal, "B");
    }
  }

  @Daemon
  final class C extends Scripted {
    C(B b, Journal journal) {
      super(journal, "C");
    }
  }

  /** A run() that ignores stop(). */
  @Factory
  interface Stubborn {
    Hung hung();
  }

  @Daemon
  final class Hung implements Lifecycle {
    Hung() {}

    @Override
    public void run() throws InterruptedException {
      while (true) {
        try {
          Thread.sleep(10_000);
        } catch (InterruptedException e) {
          throw e;
        }
      }
    }
  }
}
