package io.steelmill.sim;

import java.util.concurrent.ForkJoinPool;

/**
 * Notices work on the common pool during a run. Its tasks run on real threads, and when they
 * finish before anyone waits for them no wake-up ever crosses into the simulation, so the run
 * must look at the pool itself: its completed-task estimate and its size. Assumes one simulation
 * at a time in the JVM, as test runners do by default.
 */
final class CommonPoolWatch {
  private final long steals;
  private final int size;

  CommonPoolWatch() {
    ForkJoinPool pool = ForkJoinPool.commonPool();
    this.steals = pool.getStealCount();
    this.size = pool.getPoolSize();
  }

  boolean wasUsed() {
    ForkJoinPool pool = ForkJoinPool.commonPool();
    return pool.getStealCount() > steals
        || pool.getPoolSize() > size
        || pool.getActiveThreadCount() > 0
        || pool.hasQueuedSubmissions();
  }
}
