package io.steelmill.sim;

import java.lang.reflect.InvocationTargetException;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Connects the kernel to the simulation agent (artifact {@code steelmill-sim-agent}), which
 * rewrites every class's clock reads to ask the hooks installed here: a task of a running
 * simulation (or its carrier running a timer action) reads that simulation's virtual time, any
 * other thread the real clock. So the JDK's
 * own timed waits ({@code Condition.awaitNanos}, {@code BlockingQueue.poll(timeout)}, {@code
 * Thread.join(timeout)}, {@code CompletableFuture.get(timeout)}, {@code parkNanos} loops, {@code
 * ScheduledThreadPoolExecutor}) compute their deadlines in virtual time and expire at the right
 * virtual instant.
 *
 * <p>Every run requires the agent ({@link #require}): without it, code that reads a clock would
 * silently diverge from run to run, and escapes would be seen late or not at all. Requiring it
 * costs users nothing, since the agent attaches itself to the running JVM when it is on the class
 * path; when it cannot, the run fails in one line that says how to add it.
 */
final class TimeWarp {
  private static final String AGENT = "io.steelmill.simagent.SimAgent";
  /** Where the agent defines its VirtualClock: in java.base, which every module reads. */
  private static final String CLOCK = "java.lang.SteelmillVirtualClock";
  /** What a hook answers for a thread that is not a running task (VirtualClock.REAL). */
  private static final long REAL = Long.MIN_VALUE;
  private static volatile boolean ready;
  /**
   * Whether the agent's hooks are in place (not so while an AOT cache is trained): then every
   * submission to the common pool is caught when it is made ({@link Escapes}).
   */
  private static volatile boolean hooked;

  private TimeWarp() {}

  /**
   * Makes sure the agent is installed and answers with this kernel's time.
   *
   * @throws SimulationException in one line naming the fix, when the agent cannot be installed
   */
  static void require() {
    if (ready) {
      return;
    }
    synchronized (TimeWarp.class) {
      if (!ready) {
        boolean training = AotTraining.active();
        String failure = training ? null : install();
        if (failure != null) {
          throw new SimulationException("The simulation agent is not installed in this JVM ("
              + failure + "), so simulated code would read the real clock. Fix: put"
              + " io.steelmill:steelmill-sim-agent on the class path (it attaches itself), or"
              + " start the JVM with -javaagent:<path to steelmill-sim-agent.jar>.");
        }
        hooked = !training;
        ready = true;
      }
    }
  }

  /** Whether the agent catches a submission to the common pool when it is made. */
  static boolean poolSubmissionsHooked() {
    return hooked;
  }

  private static String install() {
    try {
      Class<?> agent;
      try {
        agent = Class.forName(AGENT, true, TimeWarp.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        return "steelmill-sim-agent is not on the class path";
      }
      String failure = (String) agent.getMethod("ensureInstalled").invoke(null);
      if (failure != null) {
        return failure;
      }
      Escapes.prepare();
      Class<?> clock = Class.forName(CLOCK, true, null);
      clock.getMethod("install", LongSupplier.class, LongSupplier.class, BiConsumer.class)
          .invoke(null, (LongSupplier) TimeWarp::monotonicNanos, (LongSupplier) TimeWarp::wallNanos,
              (BiConsumer<String, Object>) Escapes::report);
      clock.getMethod("installSeeds", LongSupplier.class)
          .invoke(null, (LongSupplier) TimeWarp::jdkSeed);
      clock.getMethod("installThreadSeeds", LongSupplier.class)
          .invoke(null, (LongSupplier) TimeWarp::threadSeed);
      return null;
    } catch (InvocationTargetException e) {
      return String.valueOf(e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      return e.toString();
    }
  }

  /** {@code System.nanoTime()} as the calling thread sees it: virtual in a run's code. */
  static long monotonicNanos() {
    Simulation simulation = runningCode();
    return simulation == null ? REAL : simulation.nanoTime();
  }

  /** The wall clock in nanoseconds since 1970: the run's epoch plus virtual time, in its code. */
  static long wallNanos() {
    Simulation simulation = runningCode();
    if (simulation == null) {
      return REAL;
    }
    java.time.Instant epoch = simulation.epoch();
    return epoch.getEpochSecond() * 1_000_000_000L + epoch.getNano() + simulation.nanoTime();
  }

  /**
   * The next value of the run's stream for the JDK's own randomness ({@code new Random()}, {@code
   * Math.random}, {@code ThreadLocalRandom}, {@code SecureRandom}, ...: the agent's {@code
   * RandomHooks}), drawn in a run's code; else REAL, and the JDK draws as it would. A draw in a
   * static initializer takes from a stream of its own: the class initializes in the JVM's first
   * run only, and its draw must not shift what the run's later draws get, or a seed would draw
   * otherwise in a sweep than when replayed alone in a fresh JVM.
   */
  static long jdkSeed() {
    Simulation simulation = runningCode();
    if (simulation == null) {
      return REAL;
    }
    RunState run = simulation.state;
    SplitMix64 stream =
        SharedRandoms.inStaticInitializer() ? run.jdkInitializerRandom : run.jdkRandom;
    long seed = stream.nextLong();
    return seed == REAL ? seed + 1 : seed;
  }

  /**
   * The seed of the calling task's {@code ThreadLocalRandom} (the carrier's, in a timer action):
   * the run's seed and the task's id decide it, not the run's stream, whatever happened before.
   * The JDK seeds a thread on its first use of {@code ThreadLocalRandom}, and its own contended
   * paths ({@code ConcurrentHashMap} counts, {@code LongAdder}) get there first only when another
   * real thread contends: a draw from the stream there shifted the run's later {@code new
   * Random()}, UUIDs and draws by the machine's timing. Else REAL.
   */
  static long threadSeed() {
    Simulation simulation = runningCode();
    if (simulation == null) {
      return REAL;
    }
    RunState run = simulation.state;
    Task task = run.mountedTask; // null in a timer action
    long id = task == null ? -1 : task.id;
    long seed = new SplitMix64(run.jdkThreadSeeds ^ (id * 0x9e3779b97f4a7c15L)).nextLong();
    return seed == REAL ? seed + 1 : seed;
  }

  /**
   * The simulation whose code runs on this thread: its task, or its carrier running a timer
   * action ({@link Simulation#schedule}), whose clock reads must be virtual too (a real one made
   * what an action did depend on the machine); else null.
   */
  private static Simulation runningCode() {
    Thread current = Thread.currentThread();
    return current.isVirtual() ? RunOfThread.mountedOn(current)
        : RunOfThread.timerActionOn(current);
  }

  /** The simulation whose task is running on this thread, or null (a platform thread, say). */
  static Simulation runningTask() {
    Thread current = Thread.currentThread();
    return current.isVirtual() ? RunOfThread.mountedOn(current) : null;
  }
}
