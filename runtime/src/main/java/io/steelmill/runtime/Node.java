package io.steelmill.runtime;

import io.steelmill.platform.Clock;
import io.steelmill.runtime.internal.Built;
import io.steelmill.runtime.internal.Clocks;
import io.steelmill.runtime.internal.FactoryCore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
public abstract class Node extends NodeGraph implements AutoCloseable {
  // Where the rest lives: NodeGraph (what generated code calls to build), NodeStart (start),
  // NodeStop (stop, close, crash), DaemonCalls (calls of daemon code, the run() threads),
  // PhaseCalls (one ordered phase under a grace period), NodeTree (parents, children, errors kept
  // up the tree), NodeStatus (the lifecycle's state).

  // A node is made per lease, plugin or request, many times a second, and often only built: it
  // holds what building needs, and its lifecycle state (NodeStatus) is made on first use. The
  // volatile fields start null, not at their initial values: a volatile write in the constructor
  // costs a full fence per node.
  private final Node parent;
  private final Duration inheritedGrace; // the parent's when this node was made; null: default
  private volatile Duration grace; // null: inheritedGrace
  private volatile Clock clock; // null: the parent's, else Clocks.current()
  volatile NodeStatus status; // null: NEW, never waited on, no error, no child (see status())
  // the only child this private ambient factory was made for (create()), else null. Here, not in
  // the status, so that create() makes no status: making two (and loading their classes) cost a
  // fresh JVM's first build about 2 ms of CPU (BENCHMARKS.md, "javac and the first build,
  // construct by construct"); a reference more per node, often none after alignment
  private volatile Node ownedBy;

  /** For generated factories: {@code core} builds the daemons; {@code parent} may be null. */
  protected Node(FactoryCore core, Node parent) {
    super(core);
    if (parent != null) {
      checkChildName(core.node());
    }
    this.parent = parent;
    this.inheritedGrace = parent == null ? null : parent.ownGrace();
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
    NodeStatus known = status;
    return known == null ? NodeState.NEW : known.state();
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
    this.grace = GracePeriods.check(this, grace);
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
    return own != null ? own : GracePeriods.DEFAULT;
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
    NodeStatus known = status;
    Map<String, Duration> times = known == null ? null : known.startupTimes;
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
    Objects.requireNonNull(type, "type");
    if (instance == null) {
      throw new NullPointerException("Cannot inject null as " + type.getSimpleName() + " into "
          + this + ". Fix: hand in an instance of " + type.getSimpleName() + ".");
    }
    if (isStopRequested()) {
      throw Refusals.injectStopping(this, type);
    }
    if (core.isSealed()) {
      throw Refusals.injectSealed(this, type);
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
    parent.ownedBy = this;
  }

  /** Whether this node is the only child of a parent made for it ({@link #ownParent()}). */
  final boolean ownsParent() {
    return parent != null && parent.ownedBy == this;
  }

  /** The only child this node (a private ambient factory) was made for, or null. */
  final Node ownedBy() {
    return ownedBy;
  }

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
    NodeStart.start(this);
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
    NodeStop.requestStop(this, "stop() on thread " + Thread.currentThread().getName());
    if (!NodeTree.isOwnThread(this)) {
      NodeStop.awaitStopped(this, true);
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
    NodeStop.requestStop(this, "close() on thread " + Thread.currentThread().getName());
    if (NodeTree.isOwnThread(this)) {
      return;
    }
    NodeStop.awaitStopped(this, true);
    status().errors.throwUnthrown();
  }

  /**
   * Abandons the node as a machine crash would: no {@code stop()} is called, and whatever its
   * daemons' {@code run()} calls throw from now on is ignored (the simulation unwinds them). Its
   * children crash with it. The node ends {@code TERMINATED} and leaves its parent; a restart is
   * a new node. Meant for simulation, where {@code SimCluster.crash} also kills the node's tasks.
   */
  public final void crash() {
    NodeStop.crash(this);
  }

  /** Whether {@link #crash()} was called. */
  public final boolean isCrashed() {
    NodeStatus known = status;
    return known != null && known.crashed;
  }

  /**
   * Waits, on the node's clock, until the node has terminated, for example after a {@code run()}
   * failure in its cluster broadcast a shutdown.
   *
   * @return whether it terminated within {@code timeout}
   */
  public final boolean awaitTermination(Duration timeout) throws InterruptedException {
    NodeStatus known = status();
    return known.changed.await(clock(), () -> known.terminated, Clocks.boundedNanos(timeout), this);
  }

  /**
   * Runs {@code listener} once, when the node has ended ({@code TERMINATED} or {@code FAILED}),
   * on the thread that ended it, after {@link #awaitTermination} waiters were woken; at once, on
   * the calling thread, if it has ended already. Never after {@link #crash()}: a crashed machine
   * runs nothing more. A listener must be quick and must not wait for the node; what it throws
   * is logged, and the other listeners still run. For a holder of the node that must learn that
   * it ended without waiting for it, as {@code LeaseScope} gives its lease back when its child
   * stops on its own.
   */
  public final void onTermination(Runnable listener) {
    NodeStop.onTermination(this, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * The node's errors, and its children's, as one exception: the first error itself, carrying
   * the others as suppressed exceptions. Empty while nothing failed. Observing does not count as
   * throwing: {@link #close()} still throws what it did not throw before.
   */
  public final Optional<FactoryException> failure() {
    NodeStatus known = status;
    if (known == null) {
      return Optional.empty(); // an error is kept in the status, made to keep it
    }
    known.adoptParentErrors();
    return known.errors.summary();
  }

  @Override
  public String toString() {
    return name() + " [" + state() + "]";
  }

  // ---- for the lifecycle classes of this package -----------------------------------------------

  /** The node's lifecycle state, made by whichever thread needs it first. */
  final NodeStatus status() {
    NodeStatus known = status;
    return known != null ? known : NodeStatus.install(this);
  }

  /** The node's lifecycle state, or null if nothing ever needed it (the node is NEW). */
  final NodeStatus statusOrNull() {
    return status;
  }

  /** The parent's lifecycle state; the node has a parent. */
  final NodeStatus parentStatus() {
    return parent.status();
  }

  /** Whether the node was asked to stop (or crashed). */
  final boolean isStopRequested() {
    NodeStatus known = status;
    return known != null && known.stopRequested;
  }

  final Node parentNode() {
    return parent;
  }

  /** The node's clock: its own, else its parent's, else the current one. */
  final Clock clock() {
    Clock own = clock;
    if (own != null) {
      return own;
    }
    return parent != null ? parent.clock() : Clocks.current();
  }

  /** How long a stop's caller waits past the grace period: {@code min(grace, 1s)}. */
  final Duration margin() {
    return GracePeriods.margin(gracePeriod());
  }
}
