package io.steelmill.it.hostile;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.runtime.Lifecycle;
import java.util.concurrent.CountDownLatch;

/**
 * Daemons whose every phase does what a {@link Probe} says: an ambient {@code A} shared by hosts,
 * a host chain {@code P0 <- P1} (P1 also uses A), and a per-lease child {@code C} over P1.
 */
@Factory(injected = Probe.class)
public interface Probed {
  P1 p1();

  /** Runs a phase through the probe; {@code run()} waits for {@code stop()} after it. */
  abstract class Probing implements Lifecycle {
    private final Probe probe;
    private final String name;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Probing(Probe probe, String name) {
      this.probe = probe;
      this.name = name;
    }

    @Override
    public void prepare() throws Exception {
      probe.act(name, "prepare");
    }

    @Override
    public void run() throws Exception {
      probe.act(name, "run");
      stopped.await();
    }

    @Override
    public void stop() throws Exception {
      stopped.countDown();
      probe.act(name, "stop");
    }
  }

  @Ambient
  @Daemon
  final class A extends Probing {
    A() {
      super(Probe.current, "A");
    }
  }

  @Daemon
  final class P0 extends Probing {
    P0(Probe probe) {
      super(probe, "P0");
    }
  }

  @Daemon
  final class P1 extends Probing {
    P1(P0 p0, A a, Probe probe) {
      super(probe, "P1");
    }
  }

  /** A per-lease child of a host. */
  @Factory(parent = Probed.class)
  interface Lease {
    C c();
  }

  @Daemon
  final class C extends Probing {
    C(P1 p1, Probe probe) {
      super(probe, "C");
    }
  }
}
