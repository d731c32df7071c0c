package io.steelmill.simagent.boot;

import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * What rewritten code calls instead of reading the system's clocks. The agent defines a copy of
 * this class in {@code java.base}, as {@code java.lang.SteelmillVirtualClock}, so that every
 * class, the JDK's included, can call it; nothing else of the agent is there. A simulation
 * installs one set of hooks per JVM: each hook
 * answers for the calling thread, returning {@link #REAL} when that thread is not a task of a
 * running simulation, and the real clock is read then.
 *
 * <p>This class must stay tiny and must never itself be rewritten: its own {@code
 * System.nanoTime()} calls are the real ones. The hooks must not read a clock either.
 */
public final class VirtualClock {
  /** What a hook returns when the calling thread is not simulated. */
  public static final long REAL = Long.MIN_VALUE;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** The JVM refuses nano adjustments further than 2^32 seconds from the offset. */
  private static final long MAX_ADJUSTMENT_SECONDS = 1L << 32;

  private static volatile LongSupplier monotonic;
  private static volatile LongSupplier wall;
  private static volatile BiConsumer<String, Object> escapes;
  private static volatile boolean agentInstalled;

  private VirtualClock() {}

  /** Rewritten {@code System.nanoTime()}. */
  public static long nanoTime() {
    LongSupplier hook = monotonic;
    if (hook != null) {
      long virtual = hook.getAsLong();
      if (virtual != REAL) {
        return virtual;
      }
    }
    return System.nanoTime();
  }

  /** Rewritten {@code System.currentTimeMillis()}. */
  public static long currentTimeMillis() {
    LongSupplier hook = wall;
    if (hook != null) {
      long virtual = hook.getAsLong();
      if (virtual != REAL) {
        return Math.floorDiv(virtual, 1_000_000L);
      }
    }
    return System.currentTimeMillis();
  }

  /**
   * Rewritten {@code jdk.internal.misc.VM.getNanoTimeAdjustment(long)}, through which {@code
   * Instant.now()} and {@code Clock.systemUTC()} read the wall clock without calling {@code
   * currentTimeMillis}: nanoseconds since {@code offsetSeconds}, or -1 when too far from it.
   */
  public static long nanoTimeAdjustment(long offsetSeconds) {
    LongSupplier hook = wall;
    long virtual = hook == null ? REAL : hook.getAsLong();
    if (virtual == REAL) {
      // the real one: this class is never rewritten, and its copy lives in java.base
      return jdk.internal.misc.VM.getNanoTimeAdjustment(offsetSeconds);
    }
    long seconds = Math.floorDiv(virtual, NANOS_PER_SECOND) - offsetSeconds;
    if (seconds >= MAX_ADJUSTMENT_SECONDS || seconds <= -MAX_ADJUSTMENT_SECONDS) {
      return -1;
    }
    return seconds * NANOS_PER_SECOND + Math.floorMod(virtual, NANOS_PER_SECOND);
  }

  /**
   * Called first thing in {@code Thread.start} and {@code VirtualThread.start}: a simulated task
   * or timer action must not start real threads.
   */
  public static void threadStarting(Thread thread) {
    report("thread-start", thread);
  }

  /** Called first thing in {@code Object.wait(long)}. */
  public static void objectWaiting(Object monitor) {
    report("object-wait", monitor);
  }

  /**
   * Called first thing when the JDK makes a socket ({@code sun.nio.ch.Net.socket} and {@code
   * serverSocket}, under every {@code java.net} and {@code java.nio} socket): a simulated task
   * must not do real network I/O.
   */
  public static void socketOpening() {
    report("real-socket", null);
  }

  /**
   * Called first thing in {@code ProcessBuilder.start} (under {@code Runtime.exec} too): a
   * simulated task must not start a real process.
   */
  public static void processStarting() {
    report("real-process", null);
  }

  /** Called first thing when a virtual thread parks its carrier (pinned). */
  public static void pinnedPark() {
    report("pinned-park", null);
  }

  private static void report(String kind, Object subject) {
    BiConsumer<String, Object> hook = escapes;
    if (hook != null) {
      hook.accept(kind, subject); // may throw, to stop the escape where it starts
    }
  }

  /**
   * Installs the hooks of the simulation kernel (there is one per JVM; a second call replaces
   * them). {@code monotonicNanos} and {@code wallEpochNanos} return {@link #REAL} for threads that
   * are not simulated; {@code escapeReports} receives ({@code kind}, subject) and may throw.
   */
  public static void install(
      LongSupplier monotonicNanos,
      LongSupplier wallEpochNanos,
      BiConsumer<String, Object> escapeReports) {
    monotonic = monotonicNanos;
    wall = wallEpochNanos;
    escapes = escapeReports;
  }

  /** Whether the agent finished rewriting the loaded classes (set by the agent only). */
  public static boolean agentInstalled() {
    return agentInstalled;
  }

  /** Called by the agent once every loaded class has been rewritten. */
  public static void markInstalled() {
    agentInstalled = true;
  }
}
