package io.steelmill.sim;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Starts a carrier thread between two idle platform threads, so that no other carrier's
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
 * <p>A sweep's kept carrier always gets spacers (two thread starts for all its job's seeds). A
 * carrier for one run (a test, a replay, {@code @SimulationTest} seeds under JUnit's parallel
 * execution) gets them only when another carrier is alive: a thread start and end costs about 0.2
 * CPU ms, a few percent of a short run, and a carrier alone shares its line with nobody busy
 * (one started later beside it brings its own spacers).
 *
 * <p>{@code -Dsteelmill.carrier.spacers=false} starts carriers without them (to measure the
 * difference; nothing else changes, traces included).
 */
final class CarrierSpacers {
  /** Whether carriers get spacers at all; read once. */
  static final boolean ENABLED =
      !"false".equals(System.getProperty("steelmill.carrier.spacers"));

  /** Serializes the starts, so another carrier's cannot fall between a carrier's three. */
  private static final ReentrantLock STARTING = new ReentrantLock();

  /**
   * Carriers started through this class and not yet ended, in the whole JVM. It decides only
   * whether a carrier for one run gets spacers; nothing a simulation computes depends on it.
   */
  private static final AtomicInteger LIVE = new AtomicInteger();

  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicBoolean counted = new AtomicBoolean();

  /**
   * Starts {@code carrier}, between two spacer threads when spacers are on and {@code kept} or
   * another carrier is alive; {@link #release} ends them, and the carrier must call it when it
   * ends.
   */
  void start(Thread carrier, boolean kept) {
    STARTING.lock();
    try {
      boolean spaced = ENABLED && (kept || LIVE.get() > 0);
      LIVE.incrementAndGet(); // before the start: the carrier may end and count out at once
      counted.set(true);
      String name = carrier.getName() + "-spacer";
      if (spaced) {
        startSpacer(name);
      }
      try {
        carrier.start();
      } catch (RuntimeException | Error e) {
        release(); // no carrier to end them
        throw e;
      }
      if (spaced) {
        startSpacer(name);
      }
    } finally {
      STARTING.unlock();
    }
  }

  /** Carriers alive now (for tests). */
  static int live() {
    return LIVE.get();
  }

  /** Ends the spacers and counts the carrier out (idempotent). */
  void release() {
    if (counted.compareAndSet(true, false)) {
      LIVE.decrementAndGet();
    }
    released.countDown();
  }

  /** Starts a spacer; without room for another thread the carrier does without. */
  private void startSpacer(String name) {
    try {
      spacer(name).start();
    } catch (OutOfMemoryError e) {
      // the JVM could not create a thread: spacers only save time, the run goes on
    }
  }

  /**
   * A spacer: one of the simulator's own threads ({@link OwnThread}), so that a hang report of a
   * run beside it does not list it as a thread that escaped the simulation.
   */
  private Thread spacer(String name) {
    return OwnThread.unstarted(name, () -> {
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
