package io.steelmill.runtime;

import io.steelmill.platform.Clock;
import io.steelmill.runtime.internal.Built;
import io.steelmill.runtime.internal.Clocks;
import io.steelmill.runtime.internal.FactoryCore;
import io.steelmill.runtime.internal.LazyFields;
import io.steelmill.runtime.internal.NodeThreads;
import io.steelmill.runtime.internal.Signal;
import io.steelmill.runtime.internal.Unwinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A running unit of daemons: what every generated factory is. A node builds its daemons lazily
 * before it starts, then {@link #start()} seals it, prepares every {@link Lifecycle} daemon it
 * constructed in construction order and runs each on its own virtual thread; {@link #stop()}
 * stops them in reverse order and waits for every {@code run()} to return. Instances returned by
 * {@code @Provides} methods or handed in with {@link #inject} are not the node's to manage: they
 * may be shared, and belong to whoever made them.
 *
 * <p>Every phase is bounded by the {@linkplain #setGracePeriod grace period}: daemon code runs on
 * helper threads while the caller watches the node's {@linkplain #setClock clock}, so a hung
 * {@code prepare()}, {@code stop()} or {@code run()} is reported with its thread's stack and
 * interrupted, and the node goes on. No lock is held while daemon code runs: {@link #close()}
 * from any thread, at any moment, returns within the grace period plus a small margin. Called
 * from the node's own daemon threads, {@link #stop()} and {@link #close()} only ask for the stop.
 *
 * <p>Nodes form a tree: an ambient factory is the root, each host node is its child, and a factory
 * that names a parent factory makes children of a host node (one per held lease or plugin). A node
 * stops its children before itself. A {@code run()} that throws stops the whole tree (the cluster),
 * and every error surfaces, named and exactly once, from {@link #start()} or {@link #close()}.
 *
 * <p>{@code toString()} is {@code name [STATE]}.
 */
public abstract class Node implements AutoCloseable {
  /**
   * The grace periods' bounds, in a class of their own: {@code Duration} (with {@code BigInteger})
   * is not loaded when a JVM starts, and loading it cost a fresh JVM's first build about a
   * millisecond; a node that keeps the default grace period never loads it before it starts.
   */
  private static final class Graces {
    static final Duration DEFAULT = Duration.ofSeconds(30);
    static final Duration MAX_MARGIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofDays(1);
  }

  /** The node whose lifecycle code the current thread runs: daemon, helper and stopper threads. */
  private static final ThreadLocal<Node> OWNER = new ThreadLocal<>();

  /**
   * The handles of the fields made on first use, in a class of their own: it loads at the first
   * transition, wait or child, so building a graph makes no {@code VarHandle} (the first one a JVM
   * makes costs it milliseconds, a fresh JVM's first build included).
   */
  private static final class Handles {
    static final java.lang.invoke.VarHandle LIFECYCLE;
    static final java.lang.invoke.VarHandle CHANGED;
    static final java.lang.invoke.VarHandle CHILDREN;

    static {
      try {
        java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
        LIFECYCLE = lookup.findVarHandle(Node.class, "lifecycle", ReentrantLock.class);
        CHANGED = lookup.findVarHandle(Node.class, "changed", Signal.class);
        CHILDREN = lookup.findVarHandle(Node.class, "children", Children.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  private final FactoryCore core;
  private final Object[] slots; // the core's instances by binding id: the lookup's fast path
  private final Node parent;
  /**
   * Guards state transitions only: never held while daemon code runs, nor while waiting. Made by
   * the first transition (see {@link #lifecycle()}): a child built and dropped never needs it.
   */
  private volatile ReentrantLock lifecycle;
  // a call returned, a runner ended, the node ended; made by the first waiter (see changed())
  private volatile Signal changed;
  private volatile Children children; // made by the first child (see children())
  private final NodeErrors errors = new NodeErrors();
  // The fields below start null, not at their initial values (NEW, the inherited grace period,
  // empty lists): a volatile field written in the constructor costs a full fence per node, and a
  // child is made and built many times a second. Their readers go through the accessors that
  // supply the initial values (state(), gracePeriod(), prepared(), runners(), startupTimes()).
  private volatile NodeState state; // null: NEW
  private final Duration inheritedGrace; // the parent's when this node was made; null: default
  private volatile Duration grace; // null: inheritedGrace
  private volatile Clock clock; // null: the parent's, else Clocks.current()
  private volatile boolean ownsParent;
  private volatile Node ownedBy; // the only child this node was made for, if any
  private volatile boolean crashed;
  private volatile boolean stopRequested; // written under lifecycle
  private volatile long stopRequestedAt;
  private volatile String stopOrigin; // set with stopRequested by markStopping
  private volatile boolean terminated;
  private volatile List<Built> prepared; // null: none
  private volatile List<Call> runners; // null: none
  private volatile PhaseCalls active; // the prepare or stop phase in progress
  private volatile Map<String, Duration> startupTimes; // null: none

  /** For generated factories: {@code core} builds this node's daemons; {@code parent} may be null. */
  protected Node(FactoryCore core, Node parent) {
    if (parent != null) {
      checkName(core.node());
    }
    this.core = core;
    this.slots = core.slots();
    this.parent = parent;
    this.inheritedGrace = parent == null ? null : parent.ownGrace();
    core.constructWith(Dispatch.INSTANCE, this);
  }

  /**
   * A host's or child's name must name a node: a blank one would be {@link NodeId#NONE} (no node:
   * a crash would not reach its tasks), {@code ambient} the cluster's shared infrastructure.
   */
  private static void checkName(String name) {
    if (name.isBlank() || name.equals(NodeId.AMBIENT.name())) {
      throw new IllegalArgumentException("A node cannot be named \"" + name + "\": "
          + (name.isBlank() ? "a blank name is no node's" : "\"ambient\" is the shared"
          + " infrastructure's") + ". Fix: give the node a name of its own, such as \"n0\".");
    }
  }

  /**
   * Every node's dispatch, handed to its core without exposing {@link #construct} publicly: one
   * instance for all nodes (a node costs no object for it), and one receiver type at the call.
   */
  private static final class Dispatch implements FactoryCore.Dispatch {
    static final Dispatch INSTANCE = new Dispatch();

    @Override
    public Object construct(Object node, int id) throws Throwable {
      return ((Node) node).construct(id);
    }
  }

  /** The node's name: a host name, a lease name, {@code "ambient"} for a root. */
  public final String name() {
    return core.node();
  }

  /** The node's identity, assigned when it was created; its threads and tasks carry it. */
  public final NodeId id() {
    return core.id();
  }

  /** The node this one is a child of, if any. */
  public final Optional<Node> parent() {
    return Optional.ofNullable(parent);
  }

  /** The current state. */
  public final NodeState state() {
    NodeState current = state;
    return current == null ? NodeState.NEW : current;
  }

  /**
   * The names of the daemons this node built so far, in construction order (a topological order
   * of their dependencies); injected instances are not listed.
   */
  public final List<String> builtDaemons() {
    return core.builtInOrder().stream().filter(b -> !b.injected()).map(Built::daemon).toList();
  }

  /**
   * Bounds every lifecycle phase: each {@code prepare()} and {@code stop()} call, the wait for
   * {@code run()} calls to return after the last {@code stop()}, and a construction still under
   * way when {@link #start()} seals the node. Past it, the call is reported as a {@link
   * FactoryException} with its thread's stack, and interrupted. {@link #stop()} and {@link
   * #close()} wait at most this plus a margin of {@code min(grace, 1s)}. Children created
   * afterwards inherit it. The default is 30 seconds.
   *
   * @throws IllegalArgumentException if {@code grace} is zero, negative, or more than a day
   * @throws NullPointerException if {@code grace} is null
   */
  public final void setGracePeriod(Duration grace) {
    if (grace == null) {
      throw new NullPointerException(
          "The grace period of " + this + " cannot be null. Fix: pass a duration such as"
              + " Duration.ofSeconds(30).");
    }
    if (grace.isNegative() || grace.isZero() || grace.compareTo(Graces.MAX) > 0) {
      throw new IllegalArgumentException(
          "The grace period must be positive and at most " + Graces.MAX + ", not " + grace
              + ". Fix: pass a duration such as Duration.ofSeconds(30).");
    }
    this.grace = grace;
  }

  /**
   * The same as {@link #setGracePeriod}: the grace period now bounds every phase, not only stop.
   *
   * @deprecated use {@link #setGracePeriod}
   */
  @Deprecated
  public final void setStopGracePeriod(Duration grace) {
    setGracePeriod(grace);
  }

  /** The grace period (see {@link #setGracePeriod}). */
  public final Duration gracePeriod() {
    Duration own = ownGrace();
    return own != null ? own : Graces.DEFAULT;
  }

  /** The grace period, or null for the default (so that making a node needs no Duration). */
  private Duration ownGrace() {
    Duration set = grace;
    return set != null ? set : inheritedGrace;
  }

  /**
   * The clock the node measures its grace periods on and waits with; children inherit it. By
   * default, the simulation's virtual clock when the node is driven from a simulated task, and
   * the system clock otherwise: either way the same time its daemons' injected {@code Clock}
   * reads.
   */
  public final void setClock(Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  /**
   * The time each daemon's {@code prepare()} took, in preparation order (Guava's {@code
   * ServiceManager.startupTimes()}); empty before {@link #start()}.
   */
  public final Map<String, Duration> startupTimes() {
    Map<String, Duration> times = startupTimes;
    return times == null ? Map.of() : times;
  }

  /**
   * Hands the node a pre-built instance for the binding of {@code type}, instead of building it:
   * a test double, a configuration object, a held lease. Its lifecycle stays with whoever made it.
   * Works for unqualified, non-generic bindings this node owns (ambient ones are injected into
   * the ambient factory).
   *
   * @throws NodeStoppingException if the node is stopping or stopped
   * @throws IllegalStateException if the node has started, or the binding is already built
   * @throws IllegalArgumentException if this node owns no such binding
   */
  public final <T> void inject(Class<T> type, T instance) {
    java.util.Objects.requireNonNull(type, "type");
    if (instance == null) {
      throw new NullPointerException("Cannot inject null as " + type.getSimpleName() + " into "
          + this + ". Fix: hand in an instance of " + type.getSimpleName() + ".");
    }
    if (stopRequested) {
      throw new NodeStoppingException(name(), "Cannot inject " + type.getSimpleName() + " into "
          + this + ": it is stopping, and a stopping node takes nothing new.");
    }
    if (core.isSealed()) {
      throw new IllegalStateException(
          "Cannot inject " + type.getSimpleName() + " into " + this + ": a started node is sealed."
              + " Fix: inject before start().");
    }
    if (!core.inject(type, type.cast(instance))) {
      throw new IllegalArgumentException(
          "Node \"" + name() + "\" owns no binding for " + type.getName()
              + ". Fix: inject ambient daemons into the ambient factory; only unqualified,"
              + " non-generic bindings that the node's graph contains can be injected.");
    }
  }

  /**
   * For generated factories: this node is the only child of a parent made for it (a standalone
   * node's private ambient factory), so it stops that parent when it stops.
   */
  protected final void ownParent() {
    ownsParent = true;
    parent.ownedBy = this;
  }

  /**
   * For generated factories: constructs the instance of binding {@code id} (one case of the
   * generated dispatch). Called once per id, under the factory's lock, by {@link #get(int)}.
   */
  protected abstract Object construct(int id) throws Throwable;

  /** For generated factories: the instance of binding {@code id}, built on first use. */
  protected final Object get(int id) {
    Object instance = slots[id];
    if (instance != null) {
      java.lang.invoke.VarHandle.acquireFence(); // an acquire read: pairs with the core's release
      return instance;
    }
    return core.build(id);
  }

  /**
   * For generated factories: builds the bindings whose ids {@code ids} lists, in that order,
   * separated by spaces or line breaks ({@code buildForChildren} of a large graph: one constant
   * instead of a call per binding).
   */
  protected final void buildAll(String ids) {
    int id = -1;
    for (int i = 0, length = ids.length(); i <= length; i++) {
      char c = i < length ? ids.charAt(i) : ' ';
      if (c >= '0' && c <= '9') {
        id = (id < 0 ? 0 : id * 10) + (c - '0');
      } else if (Character.isWhitespace(c)) {
        if (id >= 0) {
          get(id);
        }
        id = -1;
      } else {
        throw new IllegalArgumentException("malformed id list at " + i + ": " + ids);
      }
    }
  }

  /** For generated child creators: hands in the instance of the injected binding {@code id}. */
  protected final void injectAt(int id, Object instance) {
    if (core.isSealed()) {
      throw new IllegalStateException("Cannot inject into " + this + ": a started node is sealed.");
    }
    core.inject(id, instance);
  }

  /**
   * For generated factories: builds, before the node seals, every binding that its declared
   * child factories (or, for an ambient factory, its hosts) can reach, so that a child created
   * at any time finds them built and prepared.
   */
  protected void buildForChildren() {}

  /**
   * Seals the node, prepares its daemons in construction order, then starts each {@code run()} on
   * a virtual thread named {@code <node>/<daemon>}. A parent that is still {@code NEW} (an ambient
   * factory) is started first. Not interruptible, but every wait in it is bounded by the grace
   * period; an interrupt is kept for the caller.
   *
   * @return this node
   * @throws FactoryException if a construction or a {@code prepare()} failed or hung; every
   *     daemon already prepared has then been stopped, in reverse order, and the node is {@code
   *     FAILED}. Further errors of that clean-up are suppressed in it.
   * @throws NodeStoppingException if the node was asked to stop while it was starting (by
   *     another thread, or by a daemon's {@code prepare()}); what was prepared has been stopped
   * @throws IllegalStateException if the node is not {@code NEW}, or its parent is not running
   */
  public final Node start() {
    if (state() != NodeState.NEW || stopRequested) {
      throw notNew();
    }
    if (parent != null) {
      adoptedBy(parent);
    }
    Clock clock = clock();
    long begin = clock.monotonicNanos();
    lifecycle().lock();
    try {
      if (state() != NodeState.NEW || stopRequested) {
        throw notNew();
      }
      state = NodeState.STARTING;
    } finally {
      lifecycle().unlock();
    }
    boolean allPrepared = builtForChildren() && prepareAll(clock);
    boolean running;
    List<String> started = List.of();
    lifecycle().lock();
    try {
      Node stopping = stoppingAncestor();
      if (stopping != null && !stopRequested && !crashed) { // e.g. a prepare() closed the parent
        markStopping(clock, "its parent " + stopping.name() + " stopping");
      }
      running = allPrepared && !stopRequested && !crashed;
      if (running) {
        state = NodeState.RUNNING;
        // named now: once the runs start, a failing one may stop the node (and empty prepared)
        // before this thread logs
        started = prepared().stream().map(Built::daemon).toList();
        runAll(clock);
      } else if (!crashed) {
        markStopping(clock, stopRequested ? stopOrigin() : "a failed start");
      }
    } finally {
      lifecycle().unlock();
    }
    signal();
    if (crashed) {
      return this; // the machine died while starting: nothing to report to the starter
    }
    if (!running) {
      shutdown(clock);
      throw startFailure();
    }
    NodeLog.started(this, clock, begin, started);
    return this;
  }

  /**
   * Stops the node: its children first, then each daemon's {@code stop()} in reverse
   * construction order, then waits for every {@code run()} to return, each bounded by the grace
   * period. Returns within the grace period plus a margin, even if a daemon hangs (it is reported
   * and interrupted, and the node finishes stopping in the background); at once when called from
   * one of the node's own daemon threads (it then only asks for the stop). Never throws for a
   * daemon's error: {@link #close()} and {@link #failure()} report them. Idempotent; a {@code NEW}
   * node just terminates.
   */
  public final void stop() {
    requestStop("stop() on thread " + Thread.currentThread().getName());
    if (!isOwnThread()) {
      awaitStopped(true);
    }
  }

  /**
   * Stops the node as {@link #stop()} does, then throws its errors that were not thrown before
   * (by {@link #start()} or an earlier {@code close()}): the first, with the others suppressed. So
   * in {@code try (node) { node.start(); }} a failed start surfaces as the original {@link
   * FactoryException}, and {@code close()} adds nothing it already said. From one of the node's
   * own daemon threads it only asks for the stop, and returns.
   *
   * @throws FactoryException if a daemon of this node or of its children failed, and the error
   *     was not thrown yet
   */
  @Override
  public final void close() {
    requestStop("close() on thread " + Thread.currentThread().getName());
    if (isOwnThread()) {
      return;
    }
    awaitStopped(true);
    Optional<FactoryException> unthrown = errors.takeUnthrown();
    if (unthrown.isPresent()) {
      throw unthrown.get();
    }
  }

  /**
   * Abandons the node as a machine crash would: no {@code stop()} is called, and whatever its
   * daemons' {@code run()} calls throw from now on is ignored (the simulation unwinds them). Its
   * children crash with it. The node ends {@code TERMINATED} and leaves its parent; a restart is
   * a new node. Meant for simulation, where {@code SimCluster.crash} also kills the node's tasks.
   */
  public final void crash() {
    crashed = true;
    childrenSnapshot().forEach(Node::crash);
    lifecycle().lock();
    try {
      if (terminated) {
        return;
      }
      stopRequested = true;
      core.markStopping();
      state = NodeState.TERMINATED;
      terminated = true;
      prepared = null;
      runners = null;
    } finally {
      lifecycle().unlock();
    }
    signal();
    if (parent != null) {
      parent.release(this);
    }
  }

  /** Whether {@link #crash()} was called. */
  public final boolean isCrashed() {
    return crashed;
  }

  /**
   * Waits, on the node's clock, until the node has terminated, for example after a {@code run()}
   * failure in its cluster broadcast a shutdown.
   *
   * @return whether it terminated within {@code timeout}
   */
  public final boolean awaitTermination(Duration timeout) throws InterruptedException {
    return changed().await(clock(), () -> terminated, Clocks.boundedNanos(timeout), this);
  }

  /**
   * The node's errors, and its children's, as one exception: the first error itself, carrying
   * the others as suppressed exceptions. Empty while nothing failed. Observing does not count as
   * throwing: {@link #close()} still throws what it did not throw before.
   */
  public final Optional<FactoryException> failure() {
    adoptParentErrors();
    return errors.summary();
  }

  @Override
  public String toString() {
    return name() + " [" + state() + "]";
  }

  // ---- starting ---------------------------------------------------------------------------------

  private IllegalStateException notNew() {
    return new IllegalStateException("Expected " + this + " to be NEW, to start it");
  }

  /** Runs {@link #buildForChildren()}; false (the error kept) if a construction failed. */
  private boolean builtForChildren() {
    try {
      buildForChildren();
      return true;
    } catch (FactoryException e) {
      record(e);
      return false;
    } catch (NodeStoppingException cancelled) {
      return false; // a stop came first: start() reports it
    }
  }

  /** Seals and prepares; returns whether every daemon was prepared. */
  private boolean prepareAll(Clock clock) {
    if (!core.seal(clock, gracePeriod())) {
      reportHungConstruction();
      return false;
    }
    List<Built> daemons = new ArrayList<>();
    for (Built built : core.builtInOrder()) {
      if (built.managed() && built.instance() instanceof Lifecycle) {
        daemons.add(built);
      }
    }
    PhaseCalls calls =
        new PhaseCalls(
            this, Phase.PREPARE, daemons, clock, gracePeriod(), () -> stopRequested || crashed);
    active = calls;
    calls.run();
    active = null;
    List<Built> completed = calls.completed();
    prepared = completed;
    startupTimes = calls.times();
    return completed.size() == daemons.size();
  }

  private void reportHungConstruction() {
    Thread builder = core.constructor();
    String daemon = core.constructing();
    FactoryException hung = Call.report(name(), daemon == null ? "(unknown)" : daemon,
        Phase.CONSTRUCT, "its construction did not finish within " + gracePeriod() + " when start()"
            + " sealed the node", builder, "do not block in constructors; wait for peers or files"
            + " in prepare().");
    if (builder != null) {
      builder.interrupt();
    }
    record(hung);
    NodeLog.hung(this, hung);
  }

  /**
   * Registers with the parent. A standalone node whose private ambient factory already failed
   * (an ambient daemon's {@code run()} threw as it started) throws that failure, not the refusal
   * it caused.
   */
  private void adoptedBy(Node parent) {
    try {
      parent.adopt(this);
    } catch (NodeStoppingException refused) {
      if (ownsParent) {
        adoptParentErrors();
        Optional<FactoryException> failure = errors.takeUnthrown();
        if (failure.isPresent()) {
          throw failure.get();
        }
      }
      throw refused;
    }
  }

  private RuntimeException startFailure() {
    adoptParentErrors(); // a private ambient's daemon that failed is why the start was cancelled
    Optional<FactoryException> failure = errors.takeUnthrown();
    if (failure.isPresent()) {
      return failure.get();
    }
    return new NodeStoppingException(name(), "The start of node \"" + name() + "\" was cancelled:"
        + " " + stopOrigin() + " asked it to stop while it was starting; the daemons already"
        + " prepared were stopped, in reverse order.");
  }

  private void runAll(Clock clock) {
    List<Built> daemons = prepared();
    List<Call> calls = new ArrayList<>(daemons.size());
    for (Built built : daemons) {
      Call[] call = new Call[1];
      Thread thread = NodeThreads.unstarted(id(), built.daemon(), () -> runOne(built, call[0]));
      call[0] = new Call(built.daemon(), Phase.RUN, thread, clock.monotonicNanos(), calls.size());
      calls.add(call[0]);
    }
    runners = List.copyOf(calls);
    calls.forEach(call -> call.thread.start());
  }

  private void runOne(Built built, Call call) {
    OWNER.set(this);
    Throwable error = null;
    try {
      invoke(built, Phase.RUN);
    } catch (Throwable e) {
      error = e;
    }
    if (error != null && call.running() && !isShutdownNoise(error)) {
      record(built.daemon(), Phase.RUN, error);
      root().requestStop("a failure in run() of " + built.daemon() + " on node " + name());
    }
    call.returned();
    signal();
  }

  /** What a run() throws because it is being stopped, crashed or unwound: not a failure. */
  private boolean isShutdownNoise(Throwable error) {
    return crashed
        || Unwinding.isUnwinding(Thread.currentThread())
        || (stopRequested
            && (error instanceof InterruptedException || error instanceof CancellationException));
  }

  // ---- stopping ---------------------------------------------------------------------------------

  /** Asks the node to stop, without waiting; the first request decides who stops it. */
  private void requestStop(String origin) {
    Clock clock = clock();
    boolean newNode = false;
    boolean running = false;
    lifecycle().lock();
    try {
      if (stopRequested || terminated) {
        return;
      }
      newNode = state() == NodeState.NEW;
      running = state() == NodeState.RUNNING;
      markStopping(clock, origin); // a STARTING node is stopped by its start()
    } finally {
      lifecycle().unlock();
    }
    signal();
    if (newNode) {
      finish(clock, clock.monotonicNanos(), false); // never started: nothing to log
    } else if (running) {
      NodeThreads.unstarted(id(), "stopping", () -> {
        OWNER.set(this);
        shutdown(clock());
      }).start();
    }
  }

  /** Under the lifecycle lock. */
  private void markStopping(Clock clock, String origin) {
    stopRequested = true;
    stopRequestedAt = clock.monotonicNanos();
    stopOrigin = origin;
    core.markStopping();
    if (state() != NodeState.STARTING) {
      state = NodeState.STOPPING;
    }
  }

  /** Stops children, then the prepared daemons in reverse, then awaits the runners. Runs once. */
  private void shutdown(Clock clock) {
    state = NodeState.STOPPING;
    long begin = clock.monotonicNanos();
    stopChildren();
    List<Built> toStop = new ArrayList<>(prepared());
    prepared = null;
    java.util.Collections.reverse(toStop);
    PhaseCalls calls = new PhaseCalls(this, Phase.STOP, toStop, clock, gracePeriod(), () -> false);
    active = calls;
    calls.run();
    active = null;
    awaitRunners(clock);
    finish(clock, begin, true);
  }

  private void stopChildren() {
    List<Node> snapshot = childrenSnapshot();
    java.util.Collections.reverse(snapshot);
    for (Node child : snapshot) {
      child.requestStop("its parent " + name() + " stopping");
    }
    for (Node child : snapshot) {
      child.awaitStopped(false);
    }
  }

  private void awaitRunners(Clock clock) {
    List<Call> calls = runners();
    if (calls.isEmpty()) {
      return;
    }
    long deadline = clock.monotonicNanos() + gracePeriod().toNanos();
    awaitUntil(clock, () -> calls.stream().allMatch(Call::settled), deadline, false);
    if (Unwinding.isUnwinding(Thread.currentThread())) {
      return;
    }
    for (Call call : calls) {
      if (call.running()) {
        giveUp(call, "run() did not return within " + gracePeriod() + " after stop()");
      }
    }
    // a run() claimed by a close() that gave up waiting: its report is kept before the end
    awaitUntil(clock, () -> calls.stream().allMatch(Call::settled),
        clock.monotonicNanos() + gracePeriod().toNanos(), false);
  }

  /** Ends the stop, which began at {@code begin} on {@code clock}; logs it if it had started. */
  private void finish(Clock clock, long begin, boolean started) {
    if (crashed) {
      return;
    }
    if (parent != null) {
      parent.release(this);
      if (ownsParent) { // not awaited here: the parent may be the one stopping this node
        parent.requestStop("its only child " + name() + " stopping");
      }
    }
    adoptParentErrors();
    if (started) { // logged before anyone waiting for the end can look
      NodeLog.stopped(this, clock, begin, errors.all().size());
    }
    lifecycle().lock();
    try {
      state = errors.isEmpty() ? NodeState.TERMINATED : NodeState.FAILED;
      runners = null;
      terminated = true;
    } finally {
      lifecycle().unlock();
    }
    signal();
    Node owner = ownedBy;
    if (owner != null) {
      owner.failWithParent(); // its private ambient's errors are its own
      owner.signal(); // its close() waits for this node too
    }
  }

  /**
   * A standalone node whose private ambient factory ended with errors after the node itself
   * terminated (an ambient daemon's {@code stop()} failed, say) ends {@code FAILED} too, as its
   * {@code close()} throws them.
   */
  private void failWithParent() {
    adoptParentErrors();
    lifecycle().lock();
    try {
      if (terminated && !errors.isEmpty()) {
        state = NodeState.FAILED;
      }
    } finally {
      lifecycle().unlock();
    }
  }

  /**
   * Waits until the node terminated, at most the grace period plus a margin from when the stop
   * was asked for; then gives up on what still runs (reported, interrupted). An interrupt of the
   * caller ends the wait early, and is kept. With {@code withOwnedParent}, it also waits for the
   * parent made for this node alone (a standalone node's private ambient factory); never when
   * that parent is the one waiting.
   */
  private void awaitStopped(boolean withOwnedParent) {
    Clock clock = clock();
    long deadline = stopRequestedAt + gracePeriod().toNanos() + margin().toNanos();
    boolean both = withOwnedParent && ownsParent;
    awaitUntil(clock, () -> terminated && (!both || parent.terminated), deadline, true);
    if (!terminated && !Thread.currentThread().isInterrupted()) {
      giveUpOnPending(clock);
    }
    if (both && !parent.terminated && !Thread.currentThread().isInterrupted()) {
      parent.giveUpOnPending(clock);
    }
    if (both && parent.terminated) {
      failWithParent(); // its errors may have come after this node ended: not left to a race
    } else {
      adoptParentErrors();
    }
  }

  /** A standalone node reports its private ambient factory's errors as its own. */
  private void adoptParentErrors() {
    if (ownsParent) {
      parent.errors.all().forEach(errors::add);
    }
  }

  private Duration margin() {
    Duration current = gracePeriod();
    return current.compareTo(Graces.MAX_MARGIN) < 0 ? current : Graces.MAX_MARGIN;
  }

  private void giveUpOnPending(Clock clock) {
    String late = " was still running "
        + Duration.ofNanos(clock.monotonicNanos() - stopRequestedAt)
        + " after the stop was asked for (the grace period " + gracePeriod() + " plus a margin of "
        + margin() + ")";
    PhaseCalls calls = active;
    Call call = calls == null ? null : calls.current();
    if (call != null) {
      giveUp(call, call.method() + late);
    }
    for (Call runner : runners()) {
      if (runner.running()) {
        giveUp(runner, "run()" + late);
      }
    }
    for (Node child : childrenSnapshot()) {
      if (!child.terminated) {
        child.giveUpOnPending(clock);
      }
    }
  }

  // ---- for PhaseCalls ---------------------------------------------------------------------------

  /** Marks the calling thread as one of this node's own (a helper, a runner, the stopper). */
  void ownThread() {
    OWNER.set(this);
  }

  /** Wakes whoever waits on the node's signal; nothing to do while no one ever waited. */
  void signal() {
    Signal signal = changed; // volatile, read after the change: a waiter that queued sees it
    if (signal != null) {
      signal.signalAll();
    }
  }

  /** The node's signal, made by the first waiter: a child built and dropped never needs it. */
  private Signal changed() {
    Signal signal = changed;
    return signal != null ? signal : LazyFields.install(Handles.CHANGED, this, new Signal());
  }

  /** Calls {@code phase} of {@code built}, with the MDC and the node context set. */
  void invoke(Built built, Phase phase) throws Exception {
    Lifecycle daemon = (Lifecycle) built.instance();
    Mdc.Action action =
        switch (phase) {
          case PREPARE -> daemon::prepare;
          case STOP -> daemon::stop;
          default -> daemon::run;
        };
    Mdc.with(name(), built.daemon(), action);
  }

  /** Keeps {@code error}, thrown by {@code daemon} in {@code phase}, and logs it. */
  void record(String daemon, Phase phase, Throwable error) {
    if (crashed) {
      return;
    }
    record(new FactoryException(name(), daemon, phase, List.of(), null, error));
    NodeLog.failed(this, daemon, phase, error);
  }

  /**
   * Gives {@code call} up as hung: reports it (daemon, phase, thread, stack), then interrupts its
   * thread. False if the call returned first, or was given up already.
   */
  boolean giveUp(Call call, String what) {
    if (!call.giveUp()) {
      return false;
    }
    FactoryException hung = call.hangReport(name(), what); // the stack before the interrupt
    // kept before anyone sees the call given up: a stopper waiting for it (on another thread
    // than this close()) would otherwise end the node TERMINATED, its failure recorded after
    record(hung);
    call.reported();
    call.thread.interrupt();
    NodeLog.hung(this, hung);
    signal();
    return true;
  }

  /**
   * Waits on the node's signal until {@code ready} or {@code deadline} (on {@code clock}); returns
   * whether {@code ready} held. An interrupt ends the wait if {@code interruptible} (or when a
   * simulation unwinds the thread), else the wait goes on; the flag is kept either way.
   */
  boolean awaitUntil(Clock clock, BooleanSupplier ready, long deadline, boolean interruptible) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return changed().await(clock, ready, deadline - clock.monotonicNanos(), this);
        } catch (InterruptedException e) {
          interrupted = true;
          if (interruptible || Unwinding.isUnwinding(Thread.currentThread())) {
            return ready.getAsBoolean();
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** What the node prepared, in preparation order; empty before then and once stopping began. */
  private List<Built> prepared() {
    List<Built> daemons = prepared;
    return daemons == null ? List.of() : daemons;
  }

  /** The calls of the node's {@code run()} methods; empty before they start and once ended. */
  private List<Call> runners() {
    List<Call> calls = runners;
    return calls == null ? List.of() : calls;
  }

  /** Who asked the node to stop first; empty before anyone did (or when it crashed). */
  private String stopOrigin() {
    String origin = stopOrigin;
    return origin == null ? "" : origin;
  }

  // ---- the tree ---------------------------------------------------------------------------------

  /** Keeps {@code error} here and in every ancestor, once each. */
  private void record(FactoryException error) {
    for (Node node = this; node != null && node.errors.add(error); node = node.parent) {
      // an ancestor that has it already has its ancestors informed too
    }
  }

  private Clock clock() {
    Clock own = clock;
    if (own != null) {
      return own;
    }
    return parent != null ? parent.clock() : Clocks.current();
  }

  /**
   * The nearest ancestor asked to stop, or null. Its stopper asks this node to stop too, but on
   * its own thread and maybe only after this node's start() has finished preparing: a start that
   * ends now must not call the node running.
   */
  private Node stoppingAncestor() {
    for (Node node = parent; node != null; node = node.parent) {
      if (node.stopRequested) {
        return node;
      }
    }
    return null;
  }

  /** Whether the current thread is a daemon, helper or stopper thread of this node or a child. */
  private boolean isOwnThread() {
    for (Node node = OWNER.get(); node != null; node = node.parent) {
      if (node == this) {
        return true;
      }
    }
    return false;
  }

  /** Registers a starting child; starts this node first if it is a NEW root (an ambient factory). */
  private void adopt(Node child) {
    if (state() == NodeState.NEW && parent == null) {
      try {
        start();
      } catch (IllegalStateException raced) {
        // another child started it concurrently; checked below
      }
    }
    if (state() == NodeState.STARTING) { // another child is starting it: wait, bounded
      Clock clock = clock();
      long deadline = clock.monotonicNanos() + gracePeriod().toNanos() + margin().toNanos();
      awaitUntil(clock, () -> state() != NodeState.STARTING, deadline, false);
    }
    children().add(child, () -> {
      if (stopRequested) {
        throw new NodeStoppingException(name(), "Cannot start " + child.name() + ": its parent "
            + this + " is stopping.");
      }
      if (state() != NodeState.RUNNING) {
        throw new IllegalStateException(
            "Expected " + this + " to be RUNNING, to start its child " + child.name());
      }
    });
  }

  private void release(Node child) {
    Children known = children;
    if (known != null) {
      known.remove(child);
    }
  }

  private List<Node> childrenSnapshot() {
    Children known = children; // null: no child was ever adopted (made before adding, volatile)
    return known == null ? new ArrayList<>() : known.snapshot();
  }

  /** The node's children, made by the first one adopted. */
  private Children children() {
    Children known = children;
    return known != null ? known : LazyFields.install(Handles.CHILDREN, this, new Children());
  }

  /** The lock of state transitions, made once by whichever thread needs it first. */
  private ReentrantLock lifecycle() {
    ReentrantLock lock = lifecycle;
    return lock != null ? lock : LazyFields.install(Handles.LIFECYCLE, this, new ReentrantLock());
  }

  private Node root() {
    Node node = this;
    while (node.parent != null) {
      node = node.parent;
    }
    return node;
  }
}
