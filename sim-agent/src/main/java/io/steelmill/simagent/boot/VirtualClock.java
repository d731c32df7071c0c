package io.steelmill.simagent.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
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
  private static volatile LongSupplier seeds;
  private static volatile LongSupplier threadSeeds;
  /** {@code Thread}'s ThreadLocalRandom fields: seed, probe, secondary seed; or null. */
  private static volatile VarHandle[] threadRandom;
  /** {@code Thread.currentCarrierThread()}: where {@code ThreadLocalRandom} keeps the probe. */
  private static volatile MethodHandle carrierThread;

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

  /**
   * Called first thing when work is put on a {@code ForkJoinPool} from outside it: on the common
   * pool (under {@code CompletableFuture.*Async}, parallel streams) it runs on real threads.
   */
  public static void poolSubmitting(Object pool) {
    report("pool-submit", pool);
  }

  /**
   * Called first thing in {@code ForkJoinPool.scheduleDelayedTask}: a delayed action on a pool
   * ({@code CompletableFuture.orTimeout}, {@code ForkJoinPool.schedule}) waits in real time.
   */
  public static void poolScheduling(Object pool) {
    report("pool-schedule", pool);
  }

  /**
   * Called first thing in {@code LockSupport.parkNanos}, {@code parkUntil} and {@code
   * Thread.sleep}: on a platform thread, which a timer action's carrier is, the wait is real
   * while the virtual clock it reads stands still. A virtual thread returns at once, and so does
   * a wait for nothing ({@code parkNanos(0)}, {@code Thread.sleep(0)}: a yield in libraries).
   *
   * @param wait the method's last argument: nanoseconds, or {@code parkUntil}'s deadline
   */
  public static void timedWaiting(long wait) {
    if (wait > 0 && !Thread.currentThread().isVirtual()) {
      report("timed-wait", null);
    }
  }

  /** Called first thing in {@code Timer.sched}: a timer's thread runs in real time. */
  public static void timerScheduling(Object timer) {
    report("timer-schedule", timer);
  }

  /** Called first thing when work is given to a {@code ThreadPoolExecutor}. */
  public static void executorHandoff(Object executor) {
    report("executor-handoff", executor);
  }

  /** Called last thing in {@code ThreadPoolExecutor}'s constructors, on every thread. */
  public static void executorMade(Object executor) {
    report("executor-made", executor);
  }

  /** Called last thing in {@code Random}'s constructor, on every thread. */
  public static void randomMade(Object random) {
    report("random-made", random);
  }

  /** Called first thing in {@code Random.next(int)}, under every draw of a plain Random. */
  public static void randomDrawing(Object random) {
    report("random-draw", random);
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

  /**
   * Installs the kernel's draws for the JDK's randomness ({@code RandomHooks} in the agent):
   * {@code runSeeds} returns the next value of the running simulation's stream on the calling
   * thread, or {@link #REAL} when that thread runs no simulated code.
   */
  public static void installSeeds(LongSupplier runSeeds) {
    try { // this class lives in java.lang (see the class comment), beside Thread's fields
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      carrierThread = lookup.findStatic(Thread.class, "currentCarrierThread",
          MethodType.methodType(Thread.class));
      threadRandom = new VarHandle[] {
          lookup.findVarHandle(Thread.class, "threadLocalRandomSeed", long.class),
          lookup.findVarHandle(Thread.class, "threadLocalRandomProbe", int.class),
          lookup.findVarHandle(Thread.class, "threadLocalRandomSecondarySeed", int.class)};
    } catch (ReflectiveOperationException | RuntimeException notInJavaLang) {
      threadRandom = null; // ThreadLocalRandom keeps the JDK's seeds
    }
    seeds = runSeeds;
  }

  /**
   * Installs the kernel's seeds for {@code ThreadLocalRandom}: {@code perThread} returns a value
   * the run's seed and the calling task decide, or {@link #REAL}. Not a draw from the run's
   * stream: the JDK initializes a thread's {@code ThreadLocalRandom} on its first use, which its
   * own contended paths ({@code ConcurrentHashMap}, {@code LongAdder}) reach only when another
   * real thread contends, so a draw there moved every later draw of the run with the machine.
   */
  public static void installThreadSeeds(LongSupplier perThread) {
    threadSeeds = perThread;
  }

  /** A value drawn from the run's seed, or {@link #REAL}: rewritten {@code Random.seedUniquifier}. */
  public static long seed() {
    LongSupplier hook = seeds;
    return hook == null ? REAL : hook.getAsLong();
  }

  /** Rewritten {@code Math.random()} and {@code StrictMath.random()}: NaN means "real". */
  public static double random() {
    long seed = seed();
    return seed == REAL ? Double.NaN : (seed >>> 11) * 0x1.0p-53;
  }

  /** Rewritten {@code Collections.shuffle(List)}: true when shuffled from the run's seed. */
  public static boolean shuffle(List<?> list) {
    long seed = seed();
    if (seed == REAL) {
      return false;
    }
    Collections.shuffle(list, new Random(seed));
    return true;
  }

  /** Rewritten {@code SecureRandom.nextBytes(byte[])}: true when filled from the run's seed. */
  public static boolean randomBytes(byte[] bytes) {
    long seed = bytes == null ? REAL : seed();
    if (seed == REAL) {
      return false;
    }
    long bits = 0;
    for (int i = 0; i < bytes.length; i++) {
      if ((i & 7) == 0) {
        seed += 0x9e3779b97f4a7c15L;
        bits = mix(seed);
      }
      bytes[i] = (byte) bits;
      bits >>>= 8;
    }
    return true;
  }

  /** Rewritten {@code SecureRandom.generateSeed(int)} and {@code getSeed(int)}; null: real. */
  public static byte[] randomBytes(int count) {
    if (count < 0) {
      return null; // the JDK's own refusal
    }
    byte[] bytes = new byte[count];
    return randomBytes(bytes) ? bytes : null;
  }

  /**
   * Rewritten {@code defaultGen.getAndAdd(delta)} in the no-argument constructors of {@code
   * SplittableRandom} and the {@code RandomGenerator} algorithms.
   */
  public static long seedGetAndAdd(AtomicLong defaultGen, long delta) {
    long seed = seed();
    return seed == REAL ? defaultGen.getAndAdd(delta) : seed;
  }

  /**
   * Rewritten {@code ThreadLocalRandom.localInit()}: true when the calling thread's seeds were
   * set from the run's seed and the calling task (the JDK's come from JVM-wide counters), the
   * same whenever the thread first needs them ({@link #installThreadSeeds}).
   */
  public static boolean threadLocalRandomInit() {
    VarHandle[] fields = threadRandom;
    LongSupplier perThread = threadSeeds;
    long seed = fields == null ? REAL : perThread != null ? perThread.getAsLong() : seed();
    if (seed == REAL) {
      return false;
    }
    Thread thread = Thread.currentThread();
    fields[0].set(thread, mix(seed));
    fields[2].set(thread, (int) seed == 0 ? 1 : (int) seed);
    int probe = (int) (seed >>> 32) == 0 ? 1 : (int) (seed >>> 32); // never 0
    Thread carrier = carrierOf(thread);
    if (carrier != thread) { // as the JDK does: a virtual thread shares its carrier's probe
      int shared = (int) fields[1].get(carrier);
      if (shared == 0) {
        fields[0].set(carrier, mix(~seed));
        fields[1].set(carrier, probe);
      } else {
        probe = shared;
      }
    }
    fields[1].set(thread, probe);
    return true;
  }

  private static Thread carrierOf(Thread thread) {
    try {
      return thread.isVirtual() ? (Thread) carrierThread.invokeExact() : thread;
    } catch (Throwable impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Rewritten {@code Thread.threadId()} in {@code ThreadLocalRandom.nextSeed}, whose per-thread
   * step adds it: a JVM-wide counter, so 0 for simulated code (the seed alone differs by thread).
   */
  public static long randomThreadId(Thread thread) {
    LongSupplier hook = monotonic;
    boolean simulated = hook != null && thread == Thread.currentThread()
        && hook.getAsLong() != REAL;
    return simulated ? 0 : thread.threadId();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
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
