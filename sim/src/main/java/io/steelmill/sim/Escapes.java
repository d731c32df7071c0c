package io.steelmill.sim;

import java.time.Duration;
import java.util.Optional;

/**
 * Stops a simulated task at the moment it leaves the simulation, so the run fails with the same
 * message at the same virtual time every run (the agent calls {@link #report} on the task's own
 * thread, before the escape takes effect):
 *
 * <ul>
 *   <li>{@code Thread.start} of a platform thread, a worker of a fork-join pool of the task's
 *       own included: it would run in real time, beside the schedule. (The common pool's workers
 *       are left to the end-of-run check: whether one starts depends on the pool, not on the
 *       task.) Of a virtual thread on the JDK's scheduler too: one started by a timer action (on
 *       the carrier, outside any task) does not inherit the simulation's scheduler.
 *   <li>work put on the common {@code ForkJoinPool} ({@code CompletableFuture.*Async} without an
 *       executor, parallel streams), when it is submitted: whether a worker or the task itself
 *       then ran it, or the work ended before anyone waited, decided which check saw it, so
 *       runs of one seed failed with different messages.
 *   <li>a delayed action on a {@code ForkJoinPool} ({@code CompletableFuture.orTimeout},
 *       {@code completeOnTimeout}, {@code delayedExecutor}, {@code ForkJoinPool.schedule}) and a
 *       task given to a {@code java.util.Timer}: a real thread waits out the delay in real time.
 *       Once the JDK's delay thread ran (any earlier use in the JVM), nothing started a thread,
 *       and the timeout fired in real time: a run of one seed passed, failed or waited another
 *       virtual time from run to run.
 *   <li>work given to a {@code ThreadPoolExecutor} or a {@code ForkJoinPool} the run's code did
 *       not make ({@link SharedRandoms}): a static pool's threads, started before the run, are
 *       real threads (or tasks of an earlier run), and work given to them ran outside the
 *       schedule, silently or with another failure every run. (A fork-join pool the run makes
 *       fails when its first worker starts.)
 *   <li>a draw from a {@code java.util.Random} the run's code did not make ({@link
 *       SharedRandoms}): its state lives from run to run.
 *   <li>{@code Object.wait}: the JVM hands a notified waiter back through its own platform
 *       thread, so the waiter resumes when that thread gets to it.
 *   <li>a park that pins the carrier, such as a wait in a static initializer: the wait would
 *       block the simulation's only carrier in real time.
 *   <li>a timed wait in a timer action ({@code Thread.sleep}, {@code parkNanos}, a timed {@code
 *       poll} or {@code await}): on the carrier virtual time stands still, so a sleep took real
 *       time silently and a timed wait never ended, until the watchdog named a real duration
 *       that differed every run.
 *   <li>a real socket ({@code java.net}, {@code java.nio}): network I/O in real time.
 *   <li>a real process ({@code ProcessBuilder.start}, {@code Runtime.exec}).
 * </ul>
 *
 * <p>The escape throws a {@link SimulationException} in the task and fails the run with it;
 * except through a static initializer of the JDK, which it would leave broken for the whole JVM:
 * there the run fails and the initializer goes on.
 */
final class Escapes {
  private static final StackWalker WALKER = StackWalker.getInstance();
  static final String MARK = "Escape: ";

  private Escapes() {}

  /** Loads what {@link #report} needs before the hooks go live. */
  static void prepare() {
    where();
    report("none", null);
  }

  static void report(String kind, Object subject) {
    Simulation simulation = TimeWarp.runningTask();
    boolean timer = false;
    if (simulation == null) { // a timer action is the run's code too: it must not escape either
      simulation = RunOfThread.timerActionOn(Thread.currentThread());
      timer = simulation != null;
    }
    if (simulation == null || simulation.state.unwinding) {
      return;
    }
    if (kind.equals("random-made") || kind.equals("executor-made")) {
      SharedRandoms.made(subject, simulation.state.serial);
      return;
    }
    String escape = switch (kind) {
      case "thread-start" -> threadStart((Thread) subject, simulation);
      case "object-wait" -> "called Object.wait on a " + subject.getClass().getName() + " "
          + where() + " at virtual time %T: the JVM hands a notified waiter back through its own"
          + " platform thread,"
          + " outside the simulation's schedule. Fix: wait on a Condition of a ReentrantLock, or"
          + " use the platform's primitives, instead of wait/notify.";
      case "pinned-park" -> pinned();
      case "random-draw" -> sharedRandom(subject, simulation);
      case "pool-submit" -> subject != java.util.concurrent.ForkJoinPool.commonPool()
          ? (subject == simulation.state.scheduler ? null : sharedExecutor(subject, simulation))
          : "put work on the common ForkJoinPool " + where() + " at virtual time %T: its"
              + " workers are real threads, outside the simulation (CompletableFuture.*Async"
              + " without an executor, parallel streams). Fix: pass the injected Daemons executor"
              + " to *Async calls, and use sequential streams in simulated code.";
      case "pool-schedule" -> subject == simulation.state.scheduler ? null
          : "scheduled a delayed action on a ForkJoinPool " + where() + " at virtual time %T"
              + " (CompletableFuture.orTimeout, completeOnTimeout, delayedExecutor,"
              + " ForkJoinPool.schedule): the pool's delay scheduler is a real thread that waits"
              + " in real time, outside the simulation. Fix: wait with a timeout instead"
              + " (future.get(timeout, unit) waits in virtual time), or sleep in a task of the"
              + " injected Daemons and then complete the future.";
      case "timer-schedule" -> "scheduled a task on a java.util.Timer " + where() + " at virtual"
          + " time %T: the timer's thread is a real thread that waits in real time, outside the"
          + " simulation. Fix: sleep in a task of the injected Daemons (Clock.sleep), or use a"
          + " ScheduledThreadPoolExecutor made in the run with the Daemons' threadFactory.";
      case "executor-handoff" -> sharedExecutor(subject, simulation);
      case "timed-wait" -> !timer ? null : "waited with a timeout (Thread.sleep, a timed park,"
          + " poll or await) " + where() + " at virtual time %T: a timer action runs on the"
          + " carrier, outside any task, where virtual time stands still while it waits, so the"
          + " wait took real time or never ended. Fix: wait in a task (Simulation.spawn); a"
          + " timer action may wake one, or schedule another action for later.";
      case "real-socket" -> "opened a real socket " + where() + " at virtual time %T: network"
          + " I/O outside the simulation, in real time, which no seed replays. Fix: talk through"
          + " the injected Network (simulated in a simulation), never java.net or java.nio"
          + " sockets.";
      case "real-process" -> "started a real process " + where() + " at virtual time %T: it"
          + " runs in real time, outside the simulation, which no seed replays. Fix: give the"
          + " daemon an injected interface for what the process does, with a simulated binding.";
      default -> null;
    };
    if (escape == null) {
      return;
    }
    String who = timer ? "A timer action (Simulation.schedule)"
        : "Task " + simulation.state.mountedTaskName();
    SimulationException error = new SimulationException(MARK + who + " " + escape.replace("%T",
            Duration.ofNanos(simulation.nanoTime()).toString()));
    simulation.fail(error);
    if (kind.equals("thread-start") && inJdkInitializer()) {
      // thrown through a JDK class's static initializer, the escape would leave that class
      // unusable for the rest of the JVM (the socket poller: every later virtual thread's socket
      // I/O, the production network's included, failed with NoClassDefFoundError); the run has
      // failed already, so the initializer may finish
      return;
    }
    throw error;
  }

  private static String sharedRandom(Object random, Simulation simulation) {
    String shared = SharedRandoms.sharedBy(random, simulation.state.serial);
    return shared == null ? null : "drew from a " + random.getClass().getName() + " " + shared
        + " " + where() + " at virtual time %T: its state carries from run to run, so what it"
        + " draws depends on the runs before, not on the seed. Fix: draw from the injected"
        + " RandomSource (Simulation.random(purpose) in a test), or make the Random in the run.";
  }

  private static String sharedExecutor(Object executor, Simulation simulation) {
    String shared = SharedRandoms.sharedBy(executor, simulation.state.serial);
    return shared == null ? null : "gave work to a " + executor.getClass().getName() + " "
        + shared + " " + where() + " at virtual time %T: its threads live from run to run (real"
        + " threads, or tasks of another run), so the work runs outside this run's schedule."
        + " Fix: make the executor in the run with the injected Daemons (executor,"
        + " threadFactory), never in a static field or before the run.";
  }

  /** Whether a static initializer of a JDK class is running on this thread. */
  private static boolean inJdkInitializer() {
    return WALKER.walk(frames -> frames.anyMatch(frame -> frame.getMethodName().equals("<clinit>")
        && isJdk(frame.getClassName())));
  }

  private static boolean isJdk(String type) {
    return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
        || type.startsWith("sun.") || type.startsWith("com.sun.");
  }

  private static String threadStart(Thread thread, Simulation simulation) {
    if (thread.isVirtual()) {
      return VirtualThreadStates.scheduledBy(thread, simulation.state.scheduler) ? null
          : "started a virtual thread on the JDK's scheduler " + where() + " at virtual time %T:"
              + " started outside a task (a timer action runs on the carrier), it does not"
              + " inherit the simulation's scheduler and would run in real time, outside the"
              + " simulation. Fix: start threads from a task (Simulation.spawn, the injected"
              + " Daemons); a timer action may wake a task that starts them.";
    }
    if (isCommonPoolWorker(thread)) {
      return null;
    }
    if (thread instanceof java.util.concurrent.ForkJoinWorkerThread) {
      return "started a worker of a ForkJoinPool of its own (" + thread.getClass().getName()
          + ") " + where() + " at virtual time %T: a pool's workers are platform threads, which"
          + " would run its work in real time, outside the simulation. Fix: run the work on the"
          + " injected Daemons executor (or in the task itself), not on a new ForkJoinPool or"
          + " Executors.newWorkStealingPool.";
    }
    return "started a platform thread (" + thread.getClass().getName() + ") " + where()
        + " at virtual time %T: it would run in real time, outside the simulation. Fix: start"
        + " threads with the injected Daemons (start, threadFactory, executor), never with new"
        + " Thread or an executor's default thread factory.";
  }

  /**
   * A worker of the common pool: left to the end-of-run check ({@link CommonPoolWatch}), since
   * whether a submission starts one depends on the pool, not on the task. A worker of any other
   * pool (one the task's code made, whose first submission always starts one) is an escape like
   * any platform thread: exempting every pool's workers let a {@code new ForkJoinPool()} run a
   * task's work on real threads, and the run passed.
   */
  private static boolean isCommonPoolWorker(Thread thread) {
    return thread instanceof java.util.concurrent.ForkJoinWorkerThread worker
        && worker.getPool() == java.util.concurrent.ForkJoinPool.commonPool();
  }

  private static String pinned() {
    Optional<String> initializer = WALKER.walk(frames -> frames
        .filter(frame -> frame.getMethodName().equals("<clinit>"))
        .map(StackWalker.StackFrame::getClassName)
        .reduce((inner, outer) -> outer));
    String inside = initializer.map(type -> "inside the static initializer of " + type)
        .orElse("while pinned to its carrier (a native frame)");
    return "blocked " + inside + " " + where() + " at virtual time %T: a virtual thread"
        + " cannot unmount there, so the wait would stop the simulation's only carrier in real"
        + " time. Fix: no blocking (sleep, locks, I/O) in static initializers; initialize"
        + " lazily, or wait with the platform's primitives outside them.";
  }

  /** "at Class.method(File.java:N)": the innermost frame of the task's own code. */
  private static String where() {
    return WALKER.walk(frames -> frames
        .filter(frame -> !isInfrastructure(frame.getClassName()))
        .findFirst()
        .map(frame -> "at " + frame.toStackTraceElement())
        .orElse("at an unknown place"));
  }

  private static boolean isInfrastructure(String type) {
    return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
        || type.startsWith("sun.") || type.startsWith("io.steelmill.simagent.")
        || type.equals(Escapes.class.getName()) || type.equals(TimeWarp.class.getName());
  }

  /** Whether {@code error} reports an escape (then the trace ends with it). */
  static boolean isEscape(Throwable error) {
    return error instanceof SimulationException
        && String.valueOf(error.getMessage()).startsWith(MARK);
  }

  /**
   * The escape behind {@code error}, when {@code error} is a class that stays unusable because
   * its initializer blocked in an earlier run of this JVM ({@code NoClassDefFoundError}): the
   * same message as that run's, since the task touched the class at the same point.
   */
  static SimulationException earlier(Throwable error) {
    while (error != null && !(error instanceof NoClassDefFoundError)) {
      error = error.getCause(); // a task's uncaught error arrives wrapped
    }
    if (error == null) {
      return null;
    }
    for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      int start = message.indexOf(MARK);
      if (start >= 0) {
        int end = message.lastIndexOf(" [in thread ");
        return new SimulationException(
            message.substring(start, end > start ? end : message.length()), error);
      }
    }
    return null;
  }
}
