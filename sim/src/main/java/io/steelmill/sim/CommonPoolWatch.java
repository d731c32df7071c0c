package io.steelmill.sim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ForkJoinPool;

/**
 * Notices work that a simulation's own tasks put on the common pool. Its tasks run on real
 * threads, and when they finish before anyone waits for them no wake-up ever crosses into the
 * simulation, so the run looks for two traces: the pool itself did work during the run (its
 * completed-task estimate, its size), and one of the run's tasks submitted to a pool from
 * outside it, which the JDK marks by giving the submitting thread a {@code ThreadLocalRandom}
 * probe. Both must hold, so another simulation, or any other code of the JVM using the pool at
 * the same time, never fails this run; nothing here is shared between runs.
 */
final class CommonPoolWatch {
  private static final VarHandle PROBE = probeHandle();
  private final long steals;
  private final int size;

  CommonPoolWatch() {
    ForkJoinPool pool = ForkJoinPool.commonPool();
    this.steals = pool.getStealCount();
    this.size = pool.getPoolSize();
  }

  /** Whether the common pool did any work since this watch was made. */
  boolean wasUsed() {
    ForkJoinPool pool = ForkJoinPool.commonPool();
    return pool.getStealCount() > steals
        || pool.getPoolSize() > size
        || pool.getActiveThreadCount() > 0
        || pool.hasQueuedSubmissions();
  }

  /**
   * Whether {@code task} has submitted work to a fork-join pool from outside it (or used {@code
   * ThreadLocalRandom}): the JDK then gives the thread a nonzero probe.
   */
  static boolean submittedWork(Thread task) {
    return task != null && PROBE != null && (int) PROBE.get(task) != 0;
  }

  private static VarHandle probeHandle() {
    try {
      return MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
          .findVarHandle(Thread.class, "threadLocalRandomProbe", int.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // SelfTest names the missing --add-opens; without it no simulation runs
    }
  }
}
