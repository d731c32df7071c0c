package io.steelmill.sim;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The stage of the unwinding tests: a real (platform) thread that does something to a run while
 * the run unwinds. A timer action an hour of virtual time in, reached only once the run's main
 * task has ended and its tasks unwind, lets the thread act, then waits until it has acted, so
 * what it did lands while the run unwinds. Both waits are bounded.
 */
final class UnwindingFromOutside {
  private static final Duration LATE = Duration.ofHours(1);
  private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(30);

  private UnwindingFromOutside() {}

  /**
   * Runs {@code seed}: {@code setUp} spawns the run's tasks, then the main task sleeps a
   * millisecond and ends (failing with "planted failure" when {@code mainFails}); {@code outside}
   * runs on the real thread while the run unwinds.
   */
  static SimResult run(
      long seed, boolean mainFails, Consumer<Simulation> setUp, Runnable outside)
      throws InterruptedException {
    AtomicBoolean go = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    Thread thread = Thread.ofPlatform().daemon().start(() -> {
      if (awaited(go)) {
        outside.run();
      }
      done.set(true);
    });
    SimResult result = Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      setUp.accept(sim);
      sim.schedule(LATE.toNanos(), () -> {
        go.set(true);
        awaited(done);
      });
      sim.sleep(Duration.ofMillis(1));
      if (mainFails) {
        throw new AssertionError("planted failure");
      }
    });
    thread.join(TimeUnit.NANOSECONDS.toMillis(BOUND_NANOS));
    return result;
  }

  /** Spins until {@code flag} is set, at most {@link #BOUND_NANOS}; whether it was. */
  private static boolean awaited(AtomicBoolean flag) {
    long start = System.nanoTime();
    while (!flag.get()) {
      if (System.nanoTime() - start > BOUND_NANOS) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }
}
