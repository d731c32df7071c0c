package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A deterministic run of ordinary blocking Java code. Every task is a virtual thread on a
 * scheduler this object owns; one carrier thread runs one task step at a time, chosen by a PRNG
 * seeded with {@link #seed()}; virtual time jumps to the next timer only when nothing can run.
 * The same seed gives the same interleaving and the same {@linkplain SimResult#traceSha256() trace
 * hash}, in the same JVM or a fresh one.
 *
 * <pre>{@code
 * SimResult result = Simulation.builder().seed(42).build().run(() -> {
 *   Simulation sim = Simulation.current();
 *   sim.spawn("alice/pinger", () -> ...);
 *   sim.sleep(Duration.ofSeconds(5));
 * });
 * }</pre>
 *
 * <p>The run fails, with a report, when: nothing can run and nothing is pending while the main
 * task is unfinished (a hang; every live task is listed with its node, state, blocker and stack);
 * a task escapes ({@link Escapes}: it starts a platform thread, calls {@code Object.wait}, blocks
 * in a static initializer, or holds {@code synchronized} across a park); a wake-up comes from a
 * thread outside the simulation (the common pool); an invariant fails; or virtual time passes its
 * limit. The JDK's own timed waits run in virtual time: the simulation agent makes every clock
 * read of a task virtual ({@link TimeWarp}). At the end every remaining task is
 * interrupted and unwound, so nothing leaks from one run to the next.
 */
public final class Simulation {
  private static final InheritableThreadLocal<Simulation> CURRENT = new InheritableThreadLocal<>();
  private static final int UNWIND_STEPS = 1_000_000;
  private static final SimClock VIRTUAL_CLOCK = new SimClock();

  static {
    // nodes measure their grace periods on virtual time when they run on a simulated task
    io.steelmill.runtime.internal.Clocks.whenSimulated(() -> {
      Simulation simulation = CURRENT.get();
      return simulation != null && simulation.mounted == Thread.currentThread()
          ? VIRTUAL_CLOCK : null;
    });
    // a node's own threads (a daemon's run(), its stop) are tasks that carry the node's id
    io.steelmill.runtime.internal.NodeThreads.whenSimulated((node, what, body) -> {
      Simulation simulation = CURRENT.get();
      return simulation != null && simulation.mounted == Thread.currentThread()
          ? simulation.unstartedTask(node, what, body) : null;
    });
  }

  private final long seed;
  private final Instant epoch;
  private final long maxVirtualNanos;
  private final long maxStepsWithoutTime;
  private final Trace trace;
  private final SplitMix64 root;
  private final SplitMix64 schedulerRandom;
  private final SimScheduler scheduler = new SimScheduler(this);
  private final ArrayList<Task> runQueue = new ArrayList<>();
  private final TimerHeap timers = new TimerHeap();
  /** How long a step waits, in real time, for a monitor held outside the simulation. */
  private static final long MONITOR_SETTLE_NANOS = 500_000_000L;
  private final ConcurrentLinkedQueue<Runnable> foreign = new ConcurrentLinkedQueue<>();
  private final IdentityHashMap<Runnable, Task> tasks = new IdentityHashMap<>();
  /** The node of each thread created for one but not yet scheduled: its task carries it. */
  private final IdentityHashMap<Thread, NodeId> nodesOfNewThreads = new IdentityHashMap<>();
  private final Map<Integer, Task> live = new LinkedHashMap<>();
  private final List<Runnable> invariants = new ArrayList<>();
  private final List<String> invariantNames = new ArrayList<>();
  private final List<java.util.function.Consumer<String>> crashListeners = new ArrayList<>();
  private final Map<String, Long> pausedUntil = new java.util.HashMap<>();
  private final List<Task> held = new ArrayList<>();
  /** Tasks being unwound: what they throw is the unwinding (see {@code Unwinding}). */
  private final java.util.Set<Thread> unwound = new java.util.HashSet<>();
  private final Duration runawayLimit;
  private final Duration pinnedLimit;
  private final FaultLedger faults;

  private volatile Thread carrier;
  private volatile Thread mounted;
  private Task mountedTask;
  private long now;
  private long steps; // read by the watchdog after a volatile read of mounted
  private long stepsAtLastTimeAdvance;
  private long sequence;
  private int nextTaskId;
  private boolean unwinding;
  private Throwable failure;
  private Thread mainThread;
  private Task poolUser; // the first task seen submitting to a fork-join pool

  private Simulation(Builder builder) {
    this.seed = builder.seed;
    this.epoch = builder.epoch;
    this.maxVirtualNanos = builder.maxVirtualTime.toNanos();
    this.maxStepsWithoutTime = builder.maxStepsWithoutTime;
    this.trace = new Trace(builder.traceLevel, builder.traceTail);
    this.root = new SplitMix64(seed);
    this.schedulerRandom = root.fork("scheduler");
    this.runawayLimit = builder.runawayLimit;
    this.pinnedLimit = builder.pinnedLimit;
    this.faults = new FaultLedger(this, builder.faults);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The simulation the calling task belongs to.
   *
   * @throws SimulationException if called outside a simulation task
   */
  public static Simulation current() {
    Simulation simulation = CURRENT.get();
    if (simulation == null) {
      throw new SimulationException(
          "No simulation is running on thread \"" + Thread.currentThread().getName()
              + "\". Simulation bindings work only inside Simulation.run (or @SimulationTest).");
    }
    simulation.checkInside();
    return simulation;
  }

  public long seed() {
    return seed;
  }

  /** Virtual nanoseconds since the start of the run. */
  public long nanoTime() {
    return now;
  }

  /** The wall-clock instant at virtual time zero. */
  public Instant epoch() {
    return epoch;
  }

  /** The name of the {@linkplain #nodeId() node the calling code works for}. */
  public String node() {
    return nodeId().name();
  }

  /**
   * The node the calling code works for: the node whose construction or lifecycle call is running
   * (see {@code Node}), else the node the task was created for, or its parent task's; {@link
   * NodeId#NONE} for the simulation's own tasks.
   */
  public NodeId nodeId() {
    checkInside();
    NodeId context = io.steelmill.runtime.internal.NodeContext.currentId();
    if (context != null) {
      return context;
    }
    return mountedTask == null ? NodeId.NONE : mountedTask.node;
  }

  /** An independent random stream for {@code purpose}: the same for the same seed and purpose. */
  public SplitMix64 random(String purpose) {
    return root.fork(purpose);
  }

  /** The faults of this run: their ids, the replay mask, BUGGIFY sites, the timeline. */
  public FaultLedger faults() {
    return faults;
  }

  /** Starts a task named {@code name} on the calling task's node. */
  public Thread spawn(String name, Runnable body) {
    checkInside();
    checkAlive();
    return scheduler.builder().name(name).start(body);
  }

  /**
   * Starts a task that works for {@code node}, named {@code node/what}: crashing or pausing the
   * node crashes or pauses it, and the platform's bindings act on that node when it calls them.
   */
  public Thread spawn(NodeId node, String what, Runnable body) {
    checkInside();
    checkAlive();
    Thread thread = unstartedTask(node, what, body);
    thread.start();
    return thread;
  }

  /** A thread factory for tasks of {@code node} named {@code node/prefix-N}. */
  public java.util.concurrent.ThreadFactory threadFactory(NodeId node, String prefix) {
    checkInside();
    int[] count = {0};
    return body -> unstartedTask(node, prefix + "-" + count[0]++, body);
  }

  /** A thread factory for simulated tasks named {@code prefix-N}, on the calling task's node. */
  public java.util.concurrent.ThreadFactory threadFactory(String prefix) {
    checkInside();
    int[] count = {0};
    return body -> scheduler.builder().name(prefix + "-" + count[0]++).unstarted(body);
  }

  /** A task of {@code node}, not started: its id is known from before its first step. */
  Thread unstartedTask(NodeId node, String what, Runnable body) {
    Thread thread = scheduler.builder().name(node.threadName(what)).unstarted(body);
    nodesOfNewThreads.put(thread, node);
    return thread;
  }

  /** Parks the calling task for {@code duration} of virtual time. */
  public void sleep(Duration duration) throws InterruptedException {
    await(() -> false, duration.toNanos(), this);
  }

  /**
   * The one way simulated primitives wait: parks the calling task until {@code ready} holds
   * (checked first, and after every wake-up) or {@code timeoutNanos} of virtual time pass
   * (negative: no timeout). Whoever makes {@code ready} true wakes the task with {@code
   * LockSupport.unpark} (see {@link SimCondition}).
   *
   * @param blocker what the task waits on, as hang reports show it
   * @return whether {@code ready} held; false after the timeout
   * @throws InterruptedException if the task is interrupted while waiting
   * @throws NodeCrashed if the task's node crashes while it waits
   */
  public boolean await(BooleanSupplier ready, long timeoutNanos, Object blocker)
      throws InterruptedException {
    checkInside();
    if (ready.getAsBoolean()) {
      return true;
    }
    checkAlive();
    Timer timer =
        timeoutNanos < 0 ? null : addTimer(timeoutNanos, null, Thread.currentThread(), false);
    try {
      while (true) {
        LockSupport.park(blocker);
        checkAlive();
        if (Thread.interrupted()) {
          throw new InterruptedException("interrupted while waiting on " + TaskReport.blocker(blocker));
        }
        if (ready.getAsBoolean()) {
          return true;
        }
        if (timer != null && timer.isFired()) {
          return false;
        }
      }
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }

  /**
   * Crashes {@code node}: each of its tasks is interrupted and from now on gets {@link
   * NodeCrashed} from every simulation primitive, so it unwinds without acting; crash listeners
   * (the network, disks) drop the node's volatile state. No {@code stop()} is called.
   */
  public void crash(String node) {
    checkInside();
    trace.event(now, "fault crash " + node);
    NodeId id = NodeId.of(node);
    for (Task task : List.copyOf(live.values())) {
      if (task.node.equals(id) && !task.killed) {
        task.killed = true;
        if (task != mountedTask) {
          task.thread.interrupt();
        }
      }
    }
    for (var listener : crashListeners) {
      listener.accept(node);
    }
  }

  /**
   * Pauses {@code node} for {@code duration} of virtual time, as a long garbage collection or a
   * stopped VM would: none of its tasks runs meanwhile, while time and other nodes go on.
   */
  public void pause(String node, Duration duration) {
    checkInside();
    long until = now + duration.toNanos();
    pausedUntil.merge(node, until, Math::max);
    trace.event(now, "fault pause " + node + " " + duration);
    schedule(duration.toNanos(), () -> {
      if (pausedUntil.getOrDefault(node, 0L) <= now) { // a longer pause may have followed
        pausedUntil.remove(node);
        runQueue.addAll(held);
        held.clear();
        trace.event(now, "resume " + node);
      }
    });
  }

  /** Calls {@code listener} with the node's name whenever a node crashes. */
  public void onCrash(java.util.function.Consumer<String> listener) {
    crashListeners.add(listener);
  }

  /**
   * Throws {@link NodeCrashed} if the calling task's node crashed: every primitive calls it, so
   * a dead node's code cannot act.
   */
  public void checkAlive() {
    Task task = mountedTask;
    if (task != null && task.killed && Thread.currentThread() == task.thread) {
      throw new NodeCrashed(task.node.name());
    }
  }

  /**
   * Runs {@code action} on the carrier after {@code delayNanos} of virtual time. The action must
   * not block; it may unpark tasks.
   */
  public Timer schedule(long delayNanos, Runnable action) {
    checkInside();
    checkAlive();
    return addTimer(delayNanos, action, null, false);
  }

  /** A timer that runs {@code action}, or (action null) unparks {@code wakes}. */
  private Timer addTimer(long delayNanos, Runnable action, Thread wakes, boolean jdk) {
    Timer timer =
        new Timer(this, now + Math.max(0, delayNanos), sequence++, action, wakes, mountedTask, jdk);
    timers.add(timer);
    return timer;
  }

  /** How many timers are pending (cancelled ones leave at once). */
  public int pendingTimers() {
    checkInside();
    return timers.size();
  }

  /** Appends an event line to the trace. */
  public void trace(String text) {
    trace.event(now, text);
  }

  /**
   * Hashes data the run produced into the trace by its digest (see {@link DataDigest}); {@code
   * what} names it in a FULL trace and is not called otherwise.
   */
  void traceData(java.util.function.Supplier<String> what, long digest) {
    trace.data(now, trace.keepsEveryLine() ? what.get() : "", digest);
  }

  /** Checks {@code check} after every step; a throw fails the run, naming the invariant. */
  public void invariant(String name, Runnable check) {
    checkInside();
    invariantNames.add(name);
    invariants.add(check);
  }

  /** Fails the run with {@code error}; the run unwinds and reports it. */
  public void fail(Throwable error) {
    if (failure == null) {
      SimulationException earlier = Escapes.earlier(error); // a class an escape left broken
      failure = trace.stable(earlier != null ? earlier : error);
      trace.event(now, "failure " + failure);
      if (Escapes.isEscape(failure)) {
        trace.freeze();
      }
    }
  }

  /**
   * Runs {@code body} as the main task and returns when it ends (then every other task is
   * unwound), or when the run fails.
   */
  public SimResult run(Body body) {
    SelfTest.check();
    TimeWarp.require();
    CommonPoolWatch commonPool = new CommonPoolWatch();
    long wallStart = System.nanoTime();
    Thread loop =
        Thread.ofPlatform().daemon().name("steelmill-sim-carrier-" + seed).unstarted(() -> loop(body));
    carrier = loop;
    loop.start();
    boolean interrupted = false;
    Watchdog watchdog = new Watchdog();
    while (true) {
      try {
        if (loop.join(Duration.ofMillis(50))) {
          break;
        }
        SimulationException stuck = watchdog.check(loop);
        if (stuck != null) {
          // the carrier cannot be unwound: report and abandon it (it is a daemon thread)
          failure = stuck;
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    long wall = System.nanoTime() - wallStart;
    for (Task task : live.values()) {
      notePoolUse(task);
    }
    if (failure == null && poolUser != null && commonPool.wasUsed()) {
      fail(new SimulationException("Task " + poolUser + " put work on the common ForkJoinPool"
          + " during the run: real threads, outside the simulation (CompletableFuture.*Async"
          + " without an executor, parallel streams, orTimeout). Fix: pass the injected Daemons"
          + " executor to *Async calls, and use sequential streams in simulated code."));
    }
    List<String> leaked = live.values().stream().map(Task::toString).toList();
    return new SimResult(
        seed, now, steps, trace.events(), wall, trace.finish(), trace.tail(), trace.full(), failure,
        leaked);
  }

  /**
   * Watches the carrier from the thread that called {@link #run}: a step that parks the carrier
   * itself (a virtual thread pinned: a park inside a class initializer, a native frame) for the
   * pinned limit of real time, or runs without yielding for the runaway limit of the carrier's CPU
   * time, is a failure the run loop itself could never report. CPU time, not real time, so that
   * a loaded machine (other simulations, other processes) never makes a slow step a runaway.
   */
  private final class Watchdog {
    private final java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    private long blockedSince;
    private long lastStep = -1;
    private long lastStepCpu;

    /** The carrier's CPU time, or real time where the JVM cannot measure it. */
    private long carrierNanos(Thread loop) {
      long cpu =
          threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(loop.threadId()) : -1;
      return cpu >= 0 ? cpu : System.nanoTime();
    }

    SimulationException check(Thread loop) {
      Thread task = mounted; // volatile: makes the carrier's step count before it visible
      long nowNanos = System.nanoTime();
      if (task == null) {
        blockedSince = 0;
        lastStep = -1;
        return null;
      }
      long cpuNanos = carrierNanos(loop);
      if (steps != lastStep) { // a new step since the last look: it started about now
        lastStep = steps;
        lastStepCpu = cpuNanos;
      }
      Thread.State state = loop.getState();
      boolean parked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
          || state == Thread.State.BLOCKED;
      if (parked) {
        blockedSince = blockedSince == 0 ? nowNanos : blockedSince;
        if (nowNanos - blockedSince > pinnedLimit.toNanos()) {
          return stuck("Pinned: task " + task.getName() + " blocked the carrier thread itself ("
              + state + ") instead of unmounting: a park inside a class initializer or a native"
              + " frame, or a real blocking call. Fix: no blocking in static initializers; use"
              + " the simulated platform for I/O.", loop, task);
        }
      } else {
        blockedSince = 0;
      }
      if (cpuNanos - lastStepCpu > runawayLimit.toNanos()) {
        return stuck("Runaway step: task " + task.getName() + " ran " + runawayLimit
            + " of CPU time without yielding (a busy loop?). Fix: wait with the platform's"
            + " primitives (Clock.sleep, Endpoint.receive) instead of spinning.", loop, task);
      }
      return null;
    }

    private SimulationException stuck(String headline, Thread loop, Thread task) {
      StringBuilder text = new StringBuilder(headline).append("\n  carrier stack:");
      for (StackTraceElement frame : loop.getStackTrace()) {
        text.append("\n        at ").append(frame);
      }
      return new SimulationException(text.toString());
    }
  }

  /** The body of a main task. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  // ---- the carrier loop -------------------------------------------------------------------------

  private void loop(Body body) {
    CURRENT.set(this);
    io.steelmill.runtime.internal.Unwinding.install(unwound::contains);
    mainThread =
        scheduler.builder().name("main").unstarted(() -> {
          try {
            body.run();
          } catch (Throwable e) {
            if (!(e instanceof InterruptedException && unwinding) && !(e instanceof NodeCrashed)) {
              fail(e);
            }
          }
        });
    mainThread.start();
    long unwindSteps = 0;
    while (true) {
      drainForeign();
      if (!unwinding && (failure != null || mainThread.getState() == Thread.State.TERMINATED)) {
        startUnwinding();
      }
      if (unwinding && (live.isEmpty() || unwindSteps++ > UNWIND_STEPS)) {
        break;
      }
      if (!runQueue.isEmpty()) {
        step();
        continue;
      }
      Timer timer = nextTimer();
      if (timer != null) {
        int queued = runQueue.size();
        fire(timer);
        RunQueueOrder.canonical(runQueue, queued);
        continue;
      }
      if (unwinding) {
        break; // tasks left that nothing will ever wake: reported as leaked
      }
      // Threads are listed before the inbox is looked at again: an escaped platform thread is
      // then either still alive (and listed) or has already queued its wake-up (caught above).
      String escaped = TaskReport.escapedThreads(carrier.threadId());
      if (!foreign.isEmpty()) {
        continue;
      }
      fail(new SimulationException("Hang: nothing can run and nothing is pending, but the main"
          + " task has not finished.\n" + TaskReport.describe(live.values())
          + escaped
          + "\nFix: make sure something inside the simulation wakes each blocked task (a reply,"
          + " a timeout on the injected Clock), or stop it before the main task waits on it."));
    }
    io.steelmill.runtime.internal.Unwinding.uninstall();
    CURRENT.remove();
  }

  private void step() {
    int index = runQueue.size() == 1 ? 0 : schedulerRandom.nextInt(runQueue.size());
    Task task = runQueue.get(index);
    runQueue.set(index, runQueue.get(runQueue.size() - 1));
    runQueue.remove(runQueue.size() - 1);
    if (!pausedUntil.isEmpty() && pausedUntil.getOrDefault(task.node.name(), 0L) > now) {
      held.add(task); // its node is paused: runs when the pause ends
      return;
    }
    steps++;
    trace.step(now, task.id);
    int queued = runQueue.size();
    mountAndRun(task);
    RunQueueOrder.canonical(runQueue, queued);
    Thread.State state = task.thread.getState(); // read once per step: the loop is hot
    if (state == Thread.State.BLOCKED) {
      SimulationException held =
          unwinding ? null : HeldMonitors.heldByTask(task, live.values(), now);
      if (held != null) {
        fail(held);
      } else {
        state = settleMonitor(task);
        if (state == Thread.State.BLOCKED && !unwinding) {
          fail(HeldMonitors.heldTooLong(task, now, Duration.ofNanos(MONITOR_SETTLE_NANOS)));
        }
      }
    }
    if (!unwinding && (state == Thread.State.WAITING || state == Thread.State.BLOCKED)) {
      String cycle = LockCycles.closedBy(task, state, live.values(), trace);
      if (cycle != null) {
        fail(new SimulationException(cycle));
      }
    }
    if (state == Thread.State.TERMINATED) {
      live.remove(task.id);
      tasks.remove(task.continuation);
      unwound.remove(task.thread);
      notePoolUse(task);
    }
    if (!unwinding) {
      checkInvariants();
      if (steps - stepsAtLastTimeAdvance > maxStepsWithoutTime) {
        fail(new SimulationException("Livelock: " + maxStepsWithoutTime + " steps without virtual"
            + " time advancing (tasks spinning with Thread.yield() or busy waits?).\n"
            + TaskReport.describe(live.values())));
      }
    }
  }

  private void mountAndRun(Task task) {
    mountedTask = task;
    mounted = task.thread;
    try {
      task.continuation.run();
    } finally {
      mounted = null;
      mountedTask = null;
    }
  }

  /**
   * A task that blocked on a monitor held outside the simulation (a logger's lock another thread
   * holds, a class another thread initializes) is handed the monitor back by a JDK thread, not by
   * a task: the step waits for that wake-up and goes on with the same task, so the block costs
   * wall time but never changes the schedule or the trace. A monitor held by a parked task of
   * this simulation cannot be released while the carrier waits: after {@link
   * #MONITOR_SETTLE_NANOS} the step ends, and the wake-up that comes later is reported.
   *
   * @return the task's state when the step ends
   */
  private Thread.State settleMonitor(Task task) {
    Thread.State state = Thread.State.BLOCKED;
    List<Runnable> others = new ArrayList<>();
    long deadline = System.nanoTime() + MONITOR_SETTLE_NANOS;
    try {
      while (System.nanoTime() < deadline) {
        Runnable next = foreign.poll();
        if (next == null) {
          LockSupport.parkNanos(20_000);
        } else if (next != task.continuation) {
          others.add(next);
        } else {
          mountAndRun(task);
          state = task.thread.getState();
          if (state != Thread.State.BLOCKED) {
            return state;
          }
          deadline = System.nanoTime() + MONITOR_SETTLE_NANOS;
        }
      }
    } finally {
      foreign.addAll(others);
    }
    return state;
  }

  private Timer nextTimer() {
    Timer timer;
    while ((timer = timers.poll()) != null) {
      if (!timer.isCancelled()) { // one cancelled by a thread outside the simulation
        return timer;
      }
    }
    return null;
  }

  /**
   * A timer was cancelled: it leaves the heap at once, so the heap holds only live timers. The
   * heap belongs to the carrier; a cancel from any other thread only marks the timer.
   */
  void cancelled(Timer timer) {
    Thread caller = Thread.currentThread();
    if (caller == carrier || caller == mounted) {
      timers.remove(timer);
    }
  }

  private void fire(Timer timer) {
    if (timer.deadline > maxVirtualNanos && !unwinding) {
      fail(new SimulationException("The run passed its virtual time limit of "
          + Duration.ofNanos(maxVirtualNanos) + " before the main task finished."
          + " Fix: raise maxVirtualTime, or make the scenario end sooner.\n"
          + TaskReport.describe(live.values())));
      return;
    }
    if (timer.deadline > now) {
      now = timer.deadline;
      stepsAtLastTimeAdvance = steps;
    }
    timer.fire(); // a JDK timed park too: the agent made its deadline virtual (TimeWarp)
  }

  private void checkInvariants() {
    for (int i = 0; i < invariants.size() && failure == null; i++) {
      try {
        invariants.get(i).run();
      } catch (Throwable e) {
        fail(new SimulationException("Invariant \"" + invariantNames.get(i) + "\" failed at"
            + " virtual time " + Duration.ofNanos(now) + ": " + e.getMessage(), e));
      }
    }
  }

  private void drainForeign() {
    Runnable continuation;
    while ((continuation = foreign.poll()) != null) {
      Task task = register(continuation);
      runQueue.add(task);
      if (!unwinding) {
        fail(new SimulationException("A wake-up came from outside the simulation, for task " + task
            + ". Something woke it from a real thread: a platform thread (new Thread, an executor"
            + " with a default thread factory), the common pool (CompletableFuture.*Async"
            + " without an executor, parallel streams), or a synchronized block held across a"
            + " park. Fix: use the injected Daemons for threads and executors, and ReentrantLock"
            + " instead of synchronized around blocking calls."));
      }
    }
  }

  private void startUnwinding() {
    unwinding = true;
    trace.event(now, "unwind " + live.size() + " tasks");
    for (Task task : List.copyOf(live.values())) {
      unwound.add(task.thread);
      task.thread.interrupt();
    }
  }

  private void notePoolUse(Task task) {
    if (poolUser == null && CommonPoolWatch.submittedWork(task.thread)) {
      poolUser = task;
    }
  }

  // ---- called by the scheduler --------------------------------------------------------------

  /** A task died of {@code error}: a crash unwinding is expected, anything else fails the run. */
  void uncaught(Thread thread, Throwable error) {
    if (error instanceof NodeCrashed || (unwinding && error instanceof InterruptedException)) {
      return;
    }

    fail(new SimulationException("Task " + thread.getName() + " died of an uncaught " + error, error));
  }

  void execute(Runnable continuation) {
    Thread caller = Thread.currentThread();
    if (caller != carrier && caller != mounted) {
      foreign.add(continuation);
      return;
    }
    runQueue.add(register(continuation));
  }

  Timer scheduleJdkTimer(Runnable action, long delayNanos) {
    return addTimer(delayNanos, action, null, true);
  }

  private Task register(Runnable continuation) {
    Task task = tasks.get(continuation);
    if (task != null) {
      return task;
    }
    Thread thread = SimScheduler.threadOf(continuation);
    NodeId given = thread == null ? null : nodesOfNewThreads.remove(thread);
    NodeId node = given != null ? given : mountedTask == null ? NodeId.NONE : mountedTask.node;
    task = new Task(nextTaskId++, thread, node, continuation);
    task.killed = mountedTask != null && mountedTask.killed && mountedTask.node.equals(node);
    tasks.put(continuation, task);
    live.put(task.id, task);
    trace.event(now, "spawn " + task + (node == NodeId.NONE ? "" : " on " + node.name()));
    return task;
  }

  /** The simulation whose task {@code thread} is, if it is running now (agent hooks). */
  static Simulation mountedOn(Thread thread) {
    Simulation simulation = CURRENT.get();
    return simulation != null && simulation.mounted == thread ? simulation : null;
  }

  boolean isUnwinding() {
    return unwinding;
  }

  String mountedTaskName() {
    Task task = mountedTask;
    return task == null ? Thread.currentThread().getName() : task.toString();
  }

  private void checkInside() {
    if (mounted != Thread.currentThread()) {
      throw new SimulationException("Simulation object touched from outside the simulation, by"
          + " thread \"" + Thread.currentThread().getName() + "\". Only simulated tasks may use"
          + " it. Fix: start threads with the injected Daemons, never with new Thread or a"
          + " default executor.");
    }
  }

  /** Options of a run. */
  public static final class Builder {
    private long seed = 1;
    private Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
    private Duration maxVirtualTime = Duration.ofDays(1);
    private long maxStepsWithoutTime = 50_000_000;
    private Trace.Level traceLevel = Trace.Level.TAIL;
    private int traceTail = 200;
    private Duration runawayLimit = Duration.ofSeconds(10);
    private Duration pinnedLimit = Duration.ofSeconds(2);
    private FaultLedger.Options faults = FaultLedger.Options.DEFAULT;

    private Builder() {}

    /** Which faults apply, whether BUGGIFY fires, whether to record a timeline. */
    public Builder faults(FaultLedger.Options options) {
      this.faults = java.util.Objects.requireNonNull(options, "options");
      return this;
    }

    /** CPU time one step may take before the watchdog reports a runaway (default 10 s). */
    public Builder runawayLimit(Duration limit) {
      this.runawayLimit = limit;
      return this;
    }

    /**
     * Real time the carrier itself may stay blocked in one step before the watchdog reports the
     * task as pinned (default 2 s: class initialization shared with simulations running beside
     * it can take a while on a loaded machine).
     */
    public Builder pinnedLimit(Duration limit) {
      this.pinnedLimit = limit;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The wall-clock instant that virtual time zero stands for. */
    public Builder epoch(Instant epoch) {
      this.epoch = epoch;
      return this;
    }

    /** A run whose next timer lies past this fails (default one day). */
    public Builder maxVirtualTime(Duration limit) {
      this.maxVirtualTime = limit;
      return this;
    }

    /** Steps without virtual time advancing before a livelock is reported (default 50 M). */
    public Builder maxStepsWithoutTime(long steps) {
      this.maxStepsWithoutTime = steps;
      return this;
    }

    public Builder trace(Trace.Level level) {
      this.traceLevel = level;
      return this;
    }

    /** How many last events a report shows (default 200). */
    public Builder traceTail(int events) {
      this.traceTail = events;
      return this;
    }

    public Simulation build() {
      return new Simulation(this);
    }
  }
}
