package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.time.Instant;
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
 *   sim.spawn(NodeId.of("alice"), "pinger", () -> ...);
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
  static final InheritableThreadLocal<Simulation> CURRENT = new InheritableThreadLocal<>();

  static {
    RunOfThread.hookRuntime();
  }

  /** What is behind this public face: the clock, the run queue, the tasks, the failure. */
  final RunState state;
  private final FaultLedger ledger;

  Simulation(SimulationBuilder builder) {
    this.state = new RunState(builder);
    this.ledger = new FaultLedger(this, builder.faults);
  }

  public static SimulationBuilder builder() {
    return new SimulationBuilder();
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
    simulation.state.checkInside();
    return simulation;
  }

  /**
   * {@link #current()}, without its thread-local lookup when {@code likely} (the simulation a
   * component last ran in: one per component, never JVM-wide) is the one running this task.
   */
  static Simulation current(Simulation likely) {
    return likely != null && likely.state.mounted == Thread.currentThread() ? likely : current();
  }

  public long seed() {
    return state.seed;
  }

  /** Virtual nanoseconds since the start of the run. */
  public long nanoTime() {
    return state.now;
  }

  /** The wall-clock instant at virtual time zero. */
  public Instant epoch() {
    return state.epoch;
  }

  /** The name of the {@linkplain #nodeId() node the calling code works for}. */
  public String node() {
    state.checkInside();
    String context = io.steelmill.runtime.internal.NodeContext.current(); // no NodeId to build
    if (context != null) {
      return context;
    }
    Task task = state.mountedTask;
    return task == null ? NodeId.NONE.name() : task.node.name();
  }

  /**
   * The node the calling code works for: the node whose construction or lifecycle call is running
   * (see {@code Node}), else the node the task was created for, or its parent task's; {@link
   * NodeId#NONE} for the simulation's own tasks.
   */
  public NodeId nodeId() {
    state.checkInside();
    NodeId context = io.steelmill.runtime.internal.NodeContext.currentId();
    if (context != null) {
      return context;
    }
    Task task = state.mountedTask;
    return task == null ? NodeId.NONE : task.node;
  }

  /** An independent random stream for {@code purpose}: the same for the same seed and purpose. */
  public SplitMix64 random(String purpose) {
    return state.root.fork(purpose);
  }

  /** The faults of this run: their ids, the replay mask, BUGGIFY sites, the timeline. */
  public FaultLedger faults() {
    return ledger;
  }

  /** Starts a task named {@code name} on the calling task's node. */
  public Thread spawn(String name, Runnable body) {
    state.checkInside();
    checkAlive();
    return state.scheduler.builder().name(name).start(body);
  }

  /**
   * Starts a task that works for {@code node}, named {@code node/what}: crashing or pausing the
   * node crashes or pauses it, and the platform's bindings act on that node when it calls them.
   */
  public Thread spawn(NodeId node, String what, Runnable body) {
    state.checkInside();
    checkAlive();
    Thread thread = state.unstartedTask(node, what, body);
    thread.start();
    return thread;
  }

  /** A thread factory for tasks of {@code node} named {@code node/prefix-N}. */
  public java.util.concurrent.ThreadFactory threadFactory(NodeId node, String prefix) {
    state.checkInside();
    int[] count = {0};
    return body -> state.unstartedTask(node, prefix + "-" + count[0]++, body);
  }

  /** A thread factory for simulated tasks named {@code prefix-N}, on the calling task's node. */
  public java.util.concurrent.ThreadFactory threadFactory(String prefix) {
    state.checkInside();
    int[] count = {0};
    return body -> state.scheduler.builder().name(prefix + "-" + count[0]++).unstarted(body);
  }

  /**
   * Parks the calling task for {@code duration} of virtual time. As {@code Thread.sleep(Duration)}
   * does in production: a negative duration does not wait, and one too long to count in
   * nanoseconds waits as long as the run lasts (it does not overflow).
   */
  public void sleep(Duration duration) throws InterruptedException {
    state.checkInside();
    state.sleep(io.steelmill.runtime.internal.Clocks.boundedNanos(duration), this);
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
    state.checkInside();
    return state.await(ready, timeoutNanos, blocker);
  }

  /**
   * Crashes {@code node}: each of its tasks is interrupted and from now on gets {@link
   * NodeCrashed} from every simulation primitive, so it unwinds without acting; crash listeners
   * (the network, disks) drop the node's volatile state. No {@code stop()} is called.
   */
  public void crash(String node) {
    state.checkInside();
    state.faults.crash(node);
  }

  /**
   * Pauses {@code node} for {@code duration} of virtual time, as a long garbage collection or a
   * stopped VM would: none of its tasks runs meanwhile, while time and other nodes go on.
   */
  public void pause(String node, Duration duration) {
    state.checkInside();
    state.faults.pause(node, duration);
  }

  /** Calls {@code listener} with the node's name whenever a node crashes. */
  public void onCrash(java.util.function.Consumer<String> listener) {
    state.faults.onCrash(listener);
  }

  /**
   * Throws {@link NodeCrashed} if the calling task's node crashed: every primitive calls it, so
   * a dead node's code cannot act.
   */
  public void checkAlive() {
    state.checkAlive();
  }

  /**
   * Runs {@code action} on the carrier after {@code delayNanos} of virtual time. The action must
   * not block; it may unpark tasks. An action that throws fails the run.
   */
  public Timer schedule(long delayNanos, Runnable action) {
    state.checkInside();
    checkAlive();
    return state.addTimer(delayNanos, action, null);
  }

  /** How many timers are pending (cancelled ones leave at once). */
  public int pendingTimers() {
    state.checkInside();
    return state.timers.size();
  }

  /** Appends an event line to the trace. */
  public void trace(String text) {
    state.trace.event(state.now, text);
  }

  /**
   * Hashes data the run produced into the trace by its digest (see {@link DataDigest}); {@code
   * what} names it in a FULL trace and is not called otherwise.
   */
  void traceData(java.util.function.Supplier<String> what, long digest) {
    Trace trace = state.trace;
    trace.data(state.now, trace.keepsEveryLine() ? what.get() : "", digest);
  }

  /** Checks {@code check} after every step; a throw fails the run, naming the invariant. */
  public void invariant(String name, Runnable check) {
    state.checkInside();
    state.invariants.add(name, check);
  }

  /** Fails the run with {@code error}; the run unwinds and reports it. */
  public void fail(Throwable error) {
    state.fail(error);
  }

  /**
   * Runs {@code body} as the main task and returns when it ends (then every other task is
   * unwound), or when the run fails.
   */
  public SimResult run(Body body) {
    return new Carrier(this).run(body);
  }

  /**
   * The simulated components built in this run (networks, clocks, disks, lease services), for a
   * nemesis or a test to act on without casts.
   */
  public FaultRegistry components() {
    return state.registry;
  }

  /** Registers {@code component} with the simulation running on this task, if any. */
  static void registerIfRunning(Object component) {
    Simulation simulation = RunOfThread.mountedOn(Thread.currentThread());
    if (simulation != null) {
      simulation.state.registry.register(component);
    }
  }

  /**
   * Registers {@code component}, built before the run (a cluster built outside it), when it is
   * first used inside; returns {@code this}, the simulation to remember it was registered with.
   */
  Simulation register(Object component) {
    state.registry.register(component);
    return this;
  }

  /** The body of a main task. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

}
