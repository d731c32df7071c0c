package io.steelmill.runtime;

import io.steelmill.runtime.internal.Built;
import io.steelmill.runtime.internal.FactoryCore;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A running unit of daemons: what every generated factory is. A node builds its daemons lazily
 * before it starts, then {@link #start()} seals it, prepares every {@link Lifecycle} daemon it
 * constructed in construction order and runs each on its own virtual thread; {@link #stop()}
 * stops them in reverse order and waits for every {@code run()} to return. Instances returned by
 * {@code @Provides} methods or handed in with {@link #inject} are not the node's to manage: they
 * may be shared, and belong to whoever made them.
 *
 * <p>Nodes form a tree: an ambient factory is the root, each host node is its child, and a factory
 * that names a parent factory makes children of a host node (one per held lease or plugin). A node
 * stops its children before itself. A {@code run()} that throws stops the whole tree (the cluster),
 * and every error surfaces, named, from {@link #close()}.
 *
 * <p>{@code toString()} is {@code name [STATE]}.
 */
public abstract class Node implements AutoCloseable {
  /** Created on first use: building a graph never logs, and SLF4J's start-up costs milliseconds. */
  private static final class Log {
    static final Logger LOGGER = LoggerFactory.getLogger(Node.class);
  }
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

  private static final java.lang.invoke.VarHandle SLOTS =
      java.lang.invoke.MethodHandles.arrayElementVarHandle(Object[].class);

  private final FactoryCore core;
  private final Object[] slots; // the core's instances by binding id: the lookup's fast path
  private final Node parent;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Object childrenLock = new Object();
  private LinkedHashSet<Node> children; // created with the first child; guarded by childrenLock
  private final List<FactoryException> errors = new ArrayList<>(0); // guarded by itself
  private volatile NodeState state = NodeState.NEW;
  private volatile Duration stopGracePeriod;
  private volatile boolean ownsParent;
  private volatile boolean crashed;
  private List<Built> prepared = List.of(); // guarded by lifecycle
  private List<Thread> runners = List.of(); // guarded by lifecycle
  private Map<String, Duration> startupTimes = Map.of(); // guarded by lifecycle

  /** For generated factories: {@code core} builds this node's daemons; {@code parent} may be null. */
  protected Node(FactoryCore core, Node parent) {
    this.core = core;
    this.slots = core.slots();
    this.parent = parent;
    this.stopGracePeriod = parent == null ? DEFAULT_GRACE : parent.stopGracePeriod;
    core.constructWith(new Dispatch(this));
  }

  /** The node's dispatch, handed to its core without exposing {@link #construct} publicly. */
  private static final class Dispatch implements FactoryCore.Construction {
    private final Node node;

    Dispatch(Node node) {
      this.node = node;
    }

    @Override
    public Object construct(int id) throws Throwable {
      return node.construct(id);
    }
  }

  /** The node's name: a host name, a lease name, {@code "ambient"} for a root. */
  public final String name() {
    return core.node();
  }

  /** The node this one is a child of, if any. */
  public final Optional<Node> parent() {
    return Optional.ofNullable(parent);
  }

  /** The current state. */
  public final NodeState state() {
    return state;
  }

  /**
   * The names of the daemons this node built so far, in construction order (a topological order
   * of their dependencies); injected instances are not listed.
   */
  public final List<String> builtDaemons() {
    return core.builtInOrder().stream().filter(b -> !b.injected()).map(Built::daemon).toList();
  }

  /**
   * How long {@link #stop()} waits for {@code run()} calls to return after the last {@code
   * stop()} before it reports the stragglers, with their stacks, as failures. Children created
   * afterwards inherit it. The default is 30 seconds.
   */
  public final void setStopGracePeriod(Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("negative stop grace period: " + grace);
    }
    this.stopGracePeriod = grace;
  }

  /**
   * The time each daemon's {@code prepare()} took, in preparation order (Guava's {@code
   * ServiceManager.startupTimes()}); empty before {@link #start()}.
   */
  public final Map<String, Duration> startupTimes() {
    lifecycle.lock();
    try {
      return startupTimes;
    } finally {
      lifecycle.unlock();
    }
  }

  /**
   * Hands the node a pre-built instance for the binding of {@code type}, instead of building it:
   * a test double, a configuration object, a held lease. Its lifecycle stays with whoever made it.
   * Works for unqualified, non-generic bindings this node owns (ambient ones are injected into
   * the ambient factory).
   *
   * @throws IllegalStateException if the node has started, or the binding is already built
   * @throws IllegalArgumentException if this node owns no such binding
   */
  public final <T> void inject(Class<T> type, T instance) {
    java.util.Objects.requireNonNull(instance, "instance");
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
  }

  /**
   * For generated factories: constructs the instance of binding {@code id} (one case of the
   * generated dispatch). Called once per id, under the factory's lock, by {@link #get(int)}.
   */
  protected abstract Object construct(int id) throws Throwable;

  /** For generated factories: the instance of binding {@code id}, built on first use. */
  protected final Object get(int id) {
    Object instance = SLOTS.getAcquire(slots, id); // pairs with the core's release on build
    return instance != null ? instance : core.get(id);
  }

  /** For generated child creators: hands in the instance of the injected binding {@code id}. */
  protected final void injectAt(int id, Object instance) {
    java.util.Objects.requireNonNull(instance, "instance");
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
   * factory) is started first.
   *
   * @return this node
   * @throws FactoryException if a {@code prepare()} threw; every daemon already prepared has then
   *     been stopped, in reverse order, and the node is {@code FAILED}
   * @throws IllegalStateException if the node is not {@code NEW}, or its parent is not running
   */
  public final Node start() {
    if (state != NodeState.NEW) {
      throw new IllegalStateException("Expected " + this + " to be NEW, to start it");
    }
    if (parent != null) {
      parent.adopt(this);
    }
    lifecycle.lock();
    try {
      if (state != NodeState.NEW) {
        throw new IllegalStateException("Expected " + this + " to be NEW, to start it");
      }
      state = NodeState.STARTING;
      try {
        buildForChildren();
      } catch (FactoryException e) {
        keep(e);
        finish();
        throw e;
      }
      core.seal();
      prepareAll();
      if (state == NodeState.FAILED) {
        throw failure().orElseThrow();
      }
      state = NodeState.RUNNING;
      runAll();
      if (Log.LOGGER.isDebugEnabled()) {
        MDC.put("node", name());
        try {
          Log.LOGGER.debug("{} started; prepare times: {}", this, startupTimes);
        } finally {
          MDC.remove("node");
        }
      }
      return this;
    } finally {
      lifecycle.unlock();
    }
  }

  /**
   * Stops the node: its children first, then each daemon's {@code stop()} in reverse
   * construction order, then waits (up to the {@linkplain #setStopGracePeriod grace period}) for
   * every {@code run()} to return. Never throws for a daemon's error: errors are kept, and {@link
   * #close()} or {@link #failure()} report them. Idempotent; a {@code NEW} node just terminates.
   */
  public final void stop() {
    lifecycle.lock();
    try {
      if (state == NodeState.TERMINATED || state == NodeState.FAILED) {
        return;
      }
      state = NodeState.STOPPING;
      stopChildren();
      stopAll(prepared);
      awaitRunners();
      finish();
    } finally {
      lifecycle.unlock();
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
    List<Node> snapshot;
    synchronized (childrenLock) {
      snapshot = children == null ? List.of() : new ArrayList<>(children);
    }
    snapshot.forEach(Node::crash);
    if (state == NodeState.TERMINATED || state == NodeState.FAILED) {
      return;
    }
    state = NodeState.TERMINATED;
    prepared = List.of();
    runners = List.of();
    terminated.countDown();
    if (parent != null) {
      parent.release(this);
    }
  }

  /** Whether {@link #crash()} was called. */
  public final boolean isCrashed() {
    return crashed;
  }

  /**
   * Stops the node and waits for it, then throws its first error, with the others suppressed.
   *
   * @throws FactoryException if any daemon of this node or of its children failed in any phase
   */
  @Override
  public final void close() {
    stop();
    Optional<FactoryException> failure = failure();
    if (failure.isPresent()) {
      throw failure.get();
    }
  }

  /**
   * Waits until the node has terminated, for example after a {@code run()} failure in its
   * cluster broadcast a shutdown.
   *
   * @return whether it terminated within {@code timeout}
   */
  public final boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * The node's errors, or of its children's, as one exception: the first error itself, carrying
   * the others as suppressed exceptions. Empty while nothing failed.
   */
  public final Optional<FactoryException> failure() {
    List<FactoryException> all;
    synchronized (errors) {
      all = List.copyOf(errors);
    }
    if (all.isEmpty()) {
      return Optional.empty();
    }
    FactoryException first = all.get(0);
    for (FactoryException other : all.subList(1, all.size())) {
      if (!List.of(first.getSuppressed()).contains(other)) {
        first.addSuppressed(other);
      }
    }
    return Optional.of(first);
  }

  @Override
  public String toString() {
    return name() + " [" + state + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private void prepareAll() {
    List<Built> done = new ArrayList<>();
    Map<String, Duration> times = new LinkedHashMap<>();
    for (Built built : core.builtInOrder()) {
      if (!built.managed() || !(built.instance() instanceof Lifecycle daemon)) {
        continue;
      }
      long begin = System.nanoTime();
      try {
        withMdc(built, daemon::prepare);
      } catch (Throwable e) {
        record(built.daemon(), Phase.PREPARE, e);
        prepared = done;
        stopAll(done);
        finish();
        return;
      }
      times.put(built.daemon(), Duration.ofNanos(System.nanoTime() - begin));
      done.add(built);
    }
    prepared = List.copyOf(done);
    startupTimes = Collections.unmodifiableMap(times);
  }

  private void runAll() {
    List<Thread> threads = new ArrayList<>(prepared.size());
    for (Built built : prepared) {
      Lifecycle daemon = (Lifecycle) built.instance();
      threads.add(
          Thread.ofVirtual().name(name() + "/" + built.daemon()).start(() -> runOne(built, daemon)));
    }
    runners = threads;
  }

  private void runOne(Built built, Lifecycle daemon) {
    try {
      withMdc(built, daemon::run);
    } catch (Throwable e) {
      if (crashed
          || io.steelmill.runtime.internal.Unwinding.isUnwinding(Thread.currentThread())
          || (e instanceof InterruptedException && state != NodeState.RUNNING)) {
        return; // a crash or a simulation unwinds it, or it ran past its stop deadline (reported)
      }
      record(built.daemon(), Phase.RUN, e);
      Log.LOGGER.error("{}: {} failed in run(); stopping the cluster", this, built.daemon(), e);
      Node root = root();
      Thread.ofVirtual().name(root.name() + "/shutdown").start(root::stop);
    }
  }

  private void stopAll(List<Built> daemons) {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Built built = daemons.get(i);
      try {
        withMdc(built, ((Lifecycle) built.instance())::stop);
      } catch (Throwable e) {
        record(built.daemon(), Phase.STOP, e);
      }
    }
  }

  private void awaitRunners() {
    long deadline = System.nanoTime() + stopGracePeriod.toNanos();
    boolean interrupted = false;
    for (int i = 0; i < runners.size(); i++) {
      Thread runner = runners.get(i);
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!runner.join(Duration.ofNanos(left))) {
          reportHung(prepared.get(i), runner);
        }
      } catch (InterruptedException e) {
        interrupted = true;
        reportHung(prepared.get(i), runner);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void reportHung(Built built, Thread runner) {
    StringBuilder stack = new StringBuilder();
    for (StackTraceElement frame : runner.getStackTrace()) {
      stack.append("\n        at ").append(frame);
    }
    keep(
        new FactoryException(
            name(),
            built.daemon(),
            Phase.STOP,
            List.of(),
            "run() did not return within "
                + stopGracePeriod
                + " after stop(); thread "
                + runner.getName()
                + " is at:"
                + stack
                + "\n    Fix: make stop() release whatever run() waits on.",
            null));
    runner.interrupt();
  }

  private void stopChildren() {
    List<Node> snapshot;
    synchronized (childrenLock) {
      snapshot = children == null ? List.of() : new ArrayList<>(children);
    }
    for (int i = snapshot.size() - 1; i >= 0; i--) {
      Node child = snapshot.get(i);
      child.stop();
      child.failure().ifPresent(this::keep);
    }
  }

  private void keep(FactoryException childError) {
    synchronized (errors) {
      if (!errors.contains(childError)) {
        errors.add(childError);
      }
    }
  }

  private void finish() {
    boolean failed;
    synchronized (errors) {
      failed = !errors.isEmpty();
    }
    state = failed ? NodeState.FAILED : NodeState.TERMINATED;
    prepared = List.of();
    runners = List.of();
    terminated.countDown();
    if (parent != null) {
      parent.release(this);
      failure().ifPresent(parent::keep);
      if (ownsParent) {
        parent.stop();
      }
    }
  }

  private void record(String daemon, Phase phase, Throwable error) {
    if (error instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    synchronized (errors) {
      errors.add(new FactoryException(name(), daemon, phase, List.of(), null, error));
    }
  }

  /** Registers a starting child; starts this node first if it is a NEW root (an ambient factory). */
  private void adopt(Node child) {
    if (state == NodeState.NEW && parent == null) {
      try {
        start();
      } catch (IllegalStateException raced) {
        // another child started it concurrently; checked below
      }
    }
    synchronized (childrenLock) {
      if (state != NodeState.RUNNING) {
        throw new IllegalStateException(
            "Expected " + this + " to be RUNNING, to start its child " + child.name());
      }
      if (children == null) {
        children = new LinkedHashSet<>();
      }
      children.add(child);
    }
  }

  private void release(Node child) {
    synchronized (childrenLock) {
      if (children != null) {
        children.remove(child);
      }
    }
  }

  private Node root() {
    Node node = this;
    while (node.parent != null) {
      node = node.parent;
    }
    return node;
  }

  private void withMdc(Built built, Action action) throws Exception {
    MDC.put("node", name());
    MDC.put("daemon", built.daemon());
    String previous = NodeContext.enter(name());
    try {
      action.call();
    } finally {
      NodeContext.restore(previous);
      MDC.remove("daemon");
      MDC.remove("node");
    }
  }

  @FunctionalInterface
  private interface Action {
    void call() throws Exception;
  }
}
