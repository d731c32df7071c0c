package io.steelmill.sim;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Starts a kept carrier thread between two idle platform threads, so that no other carrier's
 * per-thread JVM slots share a cache line with its own.
 *
 * <p>Why: HotSpot keeps four object handles for every platform thread ({@code threadObj}, the
 * mounted virtual thread, JVMTI's virtual thread, the scoped-value cache) in one JVM-wide table,
 * 8 bytes each, handed out in order as threads start, so the handles of two threads started one
 * after the other share a 64-byte cache line. Every virtual-thread mount and unmount writes two of
 * a carrier's handles, and every {@code Thread.currentThread()} reads one. Two carriers whose
 * handles share a line, each switching tasks all the time, take that line from each other on
 * every switch: in a sweep with 2 jobs a seed cost 40% more CPU than with 1, while two JVMs side
 * by side paid nothing (BENCHMARKS.md, issue 13, "The sweep's shared cache line"). A thread
 * started just before and one just after the carrier, both idle until the carrier ends, take the
 * slots around it: its line then holds only its own handles and an idle thread's. The starts are
 * serialized, so two jobs starting carriers at once do not interleave.
 *
 * <p>{@code -Dsteelmill.carrier.spacers=false} starts carriers without them (to measure the
 * difference; nothing else changes, traces included).
 */
final class CarrierSpacers {
  /** Whether kept carriers get spacers; read once. */
  static final boolean ENABLED =
      !"false".equals(System.getProperty("steelmill.carrier.spacers"));

  /** Serializes the three starts, so another carrier's cannot fall between them. */
  private static final ReentrantLock STARTING = new ReentrantLock();

  private final CountDownLatch released = new CountDownLatch(1);

  /**
   * Starts {@code carrier} between two spacer threads (or alone when spacers are off); {@link
   * #release} ends them, and the carrier must call it when it ends.
   */
  void start(Thread carrier) {
    if (!ENABLED) {
      carrier.start();
      return;
    }
    String name = carrier.getName() + "-spacer";
    STARTING.lock();
    try {
      spacer(name).start();
      carrier.start();
      spacer(name).start();
    } finally {
      STARTING.unlock();
    }
  }

  /** Ends the spacers (idempotent). */
  void release() {
    released.countDown();
  }

  private Thread spacer(String name) {
    return Thread.ofPlatform().daemon().name(name).unstarted(() -> {
      boolean done = false;
      while (!done) {
        try {
          released.await();
          done = true;
        } catch (InterruptedException e) {
          // not meant for this thread: it ends with its carrier only
        }
      }
    });
  }
}
