package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The state of one run, shared by the parts of the kernel: the {@link RunLoop} (scheduling and
 * virtual time), {@link Timers}, {@link Faults}, {@link Invariants}, the {@link Watchdog} and the
 * {@link Carrier}. {@link Simulation} is the public face of a run; this is what is behind it: the
 * virtual clock, the run queue, the live tasks, the failure. Only the carrier and the task
 * mounted on it touch it, one at a time, so nothing here is locked; the watchdog reads {@link
 * #steps} after a volatile read of {@link #mounted}.
 */
final class RunState {
  private static final VarHandle MOUNTED;

  static {
    try {
      MOUNTED = MethodHandles.lookup().findVarHandle(RunState.class, "mounted", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // what the builder chose
  final long seed;
  final Instant epoch;
  final long maxVirtualNanos;
  final long maxStepsWithoutTime;
  final Duration runawayLimit;
  final Duration pinnedLimit;

  // the parts
  final Trace trace;
  final SplitMix64 root;
  final SplitMix64 schedulerRandom;
  /** What the JDK's own randomness draws in the run's code (see {@link TimeWarp#jdkSeed}). */
  final SplitMix64 jdkRandom;
  /**
   * What the JDK's randomness draws in a static initializer the run's code triggers: a stream of
   * its own, since only the JVM's first run of a seed initializes a class (see {@link
   * TimeWarp#jdkSeed}).
   */
  final SplitMix64 jdkInitializerRandom;
  /**
   * What a task's {@code ThreadLocalRandom} seeds derive from, with its task id ({@link
   * TimeWarp#threadSeed}): not the run's stream, since when the JDK first needs them may depend
   * on other real threads.
   */
  final long jdkThreadSeeds;
  /** This run's number in the JVM ({@link SharedRandoms}). */
  final long serial = SharedRandoms.nextRun();
  /** Set when the run starts: a {@link Simulation} runs once ({@link Carrier}). */
  boolean started;
  final SimScheduler scheduler = new SimScheduler(this);
  final Timers timers = new Timers(this);
  final Faults faults = new Faults(this);
  final Invariants invariants = new Invariants();
  final FaultRegistry registry = new FaultRegistry();
  final RunLoop loop = new RunLoop(this);

  // the tasks
  final ArrayList<Task> runQueue = new ArrayList<>();
  /** Wake-ups from threads outside the simulation: a violation, or a monitor hand-off. */
  final ConcurrentLinkedQueue<Runnable> foreign = new ConcurrentLinkedQueue<>();
  final IdentityHashMap<Runnable, Task> tasks = new IdentityHashMap<>();
  /** The node of each thread created for one but not yet scheduled: its task carries it. */
  final IdentityHashMap<Thread, NodeId> nodesOfNewThreads = new IdentityHashMap<>();
  final Map<Integer, Task> live = new LinkedHashMap<>();
  /** Tasks being unwound: what they throw is the unwinding (see {@code Unwinding}). */
  final Set<Thread> unwound = new HashSet<>();

  // where the run is
  // read by other runs ({@link OtherRunsMonitors}): whether this run ended (or its carrier was
  // abandoned); the task of another run whose monitor a step waits for; whether a step waits
  // for a monitor held outside (its tasks are then parked or blocked: safe to snapshot)
  volatile boolean over;
  volatile OtherRunsMonitors.Holder waitingFor;
  volatile boolean settling;
  volatile Thread carrier;
  /** The thread of the task running on the carrier now; written only by {@link #mount}. */
  volatile Thread mounted;
  Task mountedTask;
  long now;
  long steps; // read by the watchdog after a volatile read of mounted
  long stepsAtLastTimeAdvance;
  int nextTaskId;
  boolean unwinding;
  Throwable failure;
  /**
   * Set once the traced unwinding is over and tasks woken from outside run ({@link RunLoop}):
   * whether and when they come is a real thread's timing, so what they fail with is a note
   * beside the leaked tasks ({@link #untracedFailures}), never the run's verdict.
   */
  boolean untraced;
  final java.util.List<String> untracedFailures = new ArrayList<>();
  Thread mainThread;
  Task poolUser; // the first task seen submitting to a fork-join pool
  /**
   * Whether the carrier runs a timer's action ({@link Simulation#schedule}): the run's code, not
   * a task's. Written and read on the carrier alone.
   */
  boolean timerAction;
  /**
   * The number of the timer action the carrier runs now, counted from 1; 0 when none runs. The
   * watchdog reads it (volatile): an action that spins or blocks is a step like a task's.
   */
  volatile long action;
  long actionsBegun;
  /**
   * The task being woken by {@link #wake}: the scheduler's {@code execute} that its unpark calls
   * then finds the task without looking its continuation up.
   */
  Task waking;

  RunState(SimulationBuilder builder) {
    this.seed = builder.seed;
    this.epoch = builder.epoch;
    this.maxVirtualNanos = builder.maxVirtualTime.toNanos();
    this.maxStepsWithoutTime = builder.maxStepsWithoutTime;
    this.runawayLimit = builder.runawayLimit;
    this.pinnedLimit = builder.pinnedLimit;
    this.trace = new Trace(builder.traceLevel, builder.traceTail);
    this.root = new SplitMix64(seed);
    this.schedulerRandom = root.fork("scheduler");
    this.jdkRandom = root.fork("jdk randomness");
    this.jdkInitializerRandom = root.fork("jdk randomness in static initializers");
    this.jdkThreadSeeds = root.fork("jdk thread-local randomness").nextLong();
  }

  /**
   * Mounts {@code task} (null: unmounts). A release store, not a volatile one: the watchdog, the
   * only other reader that needs order, sees the step count written before it; a full fence twice
   * a step bought nothing else.
   */
  void mount(Task task) {
    if (task != null) {
      mountedTask = task;
      MOUNTED.setRelease(this, task.thread);
    } else {
      MOUNTED.setRelease(this, (Thread) null);
      mountedTask = null;
    }
  }

  /** Fails the run with {@code error} (the first failure wins); the run unwinds and reports it. */
  void fail(Throwable error) {
    if (untraced) {
      untracedFailures.add("after the traced run, woken from outside: " + error);
      return;
    }
    if (failure == null) {
      SimulationException earlier = Escapes.earlier(error); // a class an escape left broken
      failure = trace.stable(earlier != null ? earlier : error);
      trace.event(now, "failure " + failure);
      if (Escapes.isEscape(failure)) {
        trace.freeze();
      }
    }
  }

  /** A task died of {@code error}: a crash unwinding is expected, anything else fails the run. */
  void uncaught(Thread thread, Throwable error) {
    if (error instanceof NodeCrashed || (unwinding && error instanceof InterruptedException)) {
      return;
    }
    fail(new SimulationException(
        "Task " + thread.getName() + " died of an uncaught " + error, error));
  }

  /** A task of {@code node}, not started: its id is known from before its first step. */
  Thread unstartedTask(NodeId node, String what, Runnable body) {
    Thread thread = scheduler.builder().name(node.threadName(what)).unstarted(body);
    nodesOfNewThreads.put(thread, node);
    return thread;
  }

  /**
   * Unparks {@code task}, from the carrier or a task. A task parked in a wait is queued directly
   * ({@link VirtualThreadStates#unparkOnCarrier}): the run queue gets it as the scheduler's
   * {@code execute} would, without the JDK's atomics on the way.
   */
  void wake(Task task) {
    Thread caller = Thread.currentThread();
    if ((caller == carrier || caller == mounted)
        && VirtualThreadStates.unparkOnCarrier(task.thread)) {
      runQueue.add(task);
      return;
    }
    waking = task;
    try {
      LockSupport.unpark(task.thread);
    } finally {
      waking = null;
    }
  }

  /** A timer that runs {@code action}, or (action null) unparks {@code wakes}. */
  Timer addTimer(long delayNanos, Runnable action, Thread wakes) {
    return timers.add(now, delayNanos, action, wakes);
  }

  /**
   * {@link Simulation#await}, on the calling task: the one way a task waits. Kept small so that
   * the JIT inlines it into its callers (a receive, a lock) with its default budget: the park,
   * which inlines the JDK's whole park path and compiles big, is {@link #parkAndCheck}, and what
   * a wait does once (its timeout, its end) are methods of their own. Fewer compiled frames under
   * the park also mean fewer for the JDK to copy off the carrier and back at every switch.
   */
  boolean await(BooleanSupplier ready, long timeoutNanos, Object blocker)
      throws InterruptedException {
    if (ready.getAsBoolean()) {
      return true;
    }
    checkAlive();
    Task task = mountedTask;
    if (task == null) {
      Timers.refuseWaitInAction(this);
    }
    Timer timer = timeoutNanos < 0 ? null : timeout(task, timeoutNanos);
    try {
      do {
        parkAndCheck(blocker);
        if (ready.getAsBoolean()) {
          return true;
        }
      } while (timer == null || !timer.fired);
      return false;
    } finally {
      if (timer != null) {
        release(task, timer);
      }
    }
  }

  /**
   * Parks the calling task for {@code nanos} of virtual time: {@link #await} of a condition that
   * never holds, without a condition object to call after every wake-up. The same checks in the
   * same order, so a sleep interrupted or crashed behaves as before.
   */
  void sleep(long nanos, Object blocker) throws InterruptedException {
    if (nanos < 0) {
      await(() -> false, nanos, blocker); // no timeout: until interrupted or crashed
      return;
    }
    checkAlive();
    Task task = mountedTask;
    if (task == null) {
      Timers.refuseWaitInAction(this);
    }
    Timer timer = timeout(task, nanos);
    try {
      do {
        parkAndCheck(blocker);
      } while (!timer.fired);
    } finally {
      release(task, timer);
    }
  }

  /** The timer of a wait's timeout: the task's own one when the caller is the mounted task. */
  private Timer timeout(Task task, long timeoutNanos) {
    return task != null && task.thread == Thread.currentThread()
        ? timers.wake(task, now, timeoutNanos)
        : addTimer(timeoutNanos, null, Thread.currentThread());
  }

  /** A wait ended: its timer leaves the wheel and the task's own timer is free again. */
  private static void release(Task task, Timer timer) {
    timer.cancel(false);
    if (task != null && timer == task.waitTimer) {
      task.waitTimerArmed = false;
    }
  }

  /**
   * Parks, then throws if the task's node crashed or the task was interrupted meanwhile. A method
   * of its own: compiled with the JDK's park path inlined it is big, and so stays one call that
   * does not count against the budget of the waits that call it.
   */
  private void parkAndCheck(Object blocker) throws InterruptedException {
    LockSupport.park(blocker);
    checkAlive();
    if (Thread.interrupted()) {
      throw new InterruptedException(
          "interrupted while waiting on " + TaskReport.blocker(blocker));
    }
  }

  /**
   * Throws unless the caller is the mounted task, or the carrier running a timer's action: an
   * action is the run's own code, on its schedule, and may schedule the next one (the escape
   * messages tell the user to); it was refused as "touched from outside the simulation".
   */
  void checkInside() {
    Thread caller = Thread.currentThread();
    if (mounted != caller && !(timerAction && caller == carrier)) {
      throw new SimulationException("Simulation object touched from outside the simulation, by"
          + " thread \"" + Thread.currentThread().getName() + "\". Only simulated tasks may use"
          + " it. Fix: start threads with the injected Daemons, never with new Thread or a"
          + " default executor.");
    }
  }

  /** Throws {@link NodeCrashed} if the calling task's node crashed. */
  void checkAlive() {
    Task task = mountedTask;
    if (task != null && task.killed && Thread.currentThread() == task.thread) {
      throw new NodeCrashed(task.node.name());
    }
  }

  String mountedTaskName() {
    Task task = mountedTask;
    return task == null ? Thread.currentThread().getName() : task.toString();
  }
}
