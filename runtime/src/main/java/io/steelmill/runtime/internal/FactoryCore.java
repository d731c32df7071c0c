package io.steelmill.runtime.internal;

import io.steelmill.platform.Clock;
import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.NodeId;
import io.steelmill.runtime.NodeStoppingException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The construction side of one factory: its instances by binding id, the lock that makes
 * concurrent first requests build exactly one instance, the stack of daemons being built (for
 * cycle checks through providers and for the path in error messages), the construction order,
 * and the seal.
 *
 * <p>Generated code holds no state and no protocol: each binding accessor is one line, {@code
 * return (Store) get(0);}, and a dispatch {@code construct(int id)} says how to make each id.
 * {@link #get(int)} is an acquire read of the slot; only when it is still empty does {@link
 * #build(int)} run the whole protocol: lock, cycle check, seal check, build the ids the
 * binding's line lists (so that the dispatch reads each from its slot, without a call),
 * construct, record in construction order, publish, and wrap any failure with the daemon and its
 * path.
 *
 * <p>One lock per factory, not per binding: construction is rare, and a single lock keeps the
 * recorded order a true topological order, with no lock-ordering hazards between bindings. The
 * lock is this object's own int ({@link #HELD} or {@link #FREE}): taking it is one
 * compare-and-set by the outermost construction, a nested construction on the owning thread
 * (its {@code owner}) takes nothing, and releasing it is a release store, with no fence (see
 * {@link #unlock()} for why a waiter cannot be lost).
 * Everything else a construction does (the stack of ids, the order, the node context) is a
 * plain write to an array or field that only the owner touches, allocated once per factory (the
 * stack only when constructions nest): a construction allocates nothing but its instance.
 *
 * <p>Why it extends {@link AtomicInteger}: that is the lock word. The JDK initializes {@code
 * AtomicInteger} while it starts, so the first factory of a fresh JVM pays nothing to set the
 * lock up, where a field updater cost it 3-5 ms of reflection and a {@code VarHandle} the
 * set-up of the JVM's first handle; a field holding an {@code AtomicInteger} would cost every
 * node (a child is made many times a second) an object. Its methods are not this class's API:
 * only the lock methods below call them.
 */
@SuppressWarnings("serial") // never serialized: a factory's state is its instances
public final class FactoryCore extends AtomicInteger {
  /** The lock word when no thread constructs. */
  private static final int FREE = 0;
  /** The lock word while {@code owner} constructs. */
  private static final int HELD = 1;

  /** Constructs the instance of one binding id: the generated factory's dispatch. */
  public interface Construction {
    Object construct(int id) throws Throwable;
  }

  /**
   * Constructs the instance of one binding id for a factory object: one instance serves every
   * node (it calls the node's dispatch), so that a node costs no object of its own for it.
   */
  public interface Dispatch {
    Object construct(Object factory, int id) throws Throwable;
  }

  private static final int CYCLE_CHECK_DEPTH = 64;

  /**
   * Nested constructions after which a construction first builds what it needs, iteratively: a
   * chain built lazily from its top would otherwise take a few stack frames per link, and a
   * chain of 10,000 overflows a thread's stack.
   */
  private static final int DEEP = 48;
  /**
   * The longest a waiter for the lock on a real thread parks before it looks again by itself:
   * the bound on a wake-up missed by a fence-free release (see {@link #unlock()}).
   */
  private static final long RECHECK_NANOS = 1_000_000;

  /**
   * The handle of the field made on first contention: loaded only then (the first {@code
   * VarHandle} a JVM makes costs it milliseconds, which the first build should not pay).
   */
  private static final class Waiting {
    static final VarHandle IDLE;

    static {
      try {
        IDLE = MethodHandles.lookup().findVarHandle(FactoryCore.class, "idle", Signal.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  private final String node;
  private NodeId id; // made on first use; racy but immutable and equal whoever makes it
  private final Bindings bindings;
  private final Object[] slots; // written under lock with release, read with acquire
  private Dispatch dispatch;
  private Object factory; // what dispatch constructs for
  // the thread holding the lock, or null: written by it after taking the lock and cleared before
  // releasing it, so a thread reads itself here exactly when it holds the lock (its own writes
  // are in program order); others read it only for a hang report (racy: a reference is whole)
  private Thread owner;
  private volatile Signal idle; // lock waiters and a sealing start() wait here; made by the first
  // guarded by the lock:
  private int[] building; // the ids being built below the innermost; made when builds nest
  private int depth;
  private final int[] order; // what was built (id) or injected (~id), in that order
  private int count;
  private Thread cellThread; // whose node-context cell `cell` is
  private NodeContext cell;
  private volatile boolean sealed;
  private volatile boolean stopping;
  // the innermost id being built, or -1: also read, racily, by hang reports (an int is written
  // whole, and a report comes seconds after the write it shows)
  private int constructing = -1;

  /** Creates the core of the node called {@code node}, owning {@code bindings}. */
  public FactoryCore(String node, Bindings bindings) {
    this.node = java.util.Objects.requireNonNull(node, "a node's name");
    this.bindings = bindings;
    this.slots = new Object[bindings.size()];
    this.order = new int[bindings.size()];
  }

  /** Sets how ids are constructed; called once, before anything is requested. */
  public void constructWith(Construction construction) {
    constructWith(Direct.INSTANCE, construction);
  }

  /**
   * Sets how ids are constructed: {@code dispatch.construct(factory, id)}; called once, by the
   * node, before anything is requested.
   */
  public void constructWith(Dispatch dispatch, Object factory) {
    this.dispatch = dispatch;
    this.factory = factory;
  }

  /** Calls a {@link Construction}. */
  private static final class Direct implements Dispatch {
    static final Direct INSTANCE = new Direct();

    @Override
    public Object construct(Object factory, int id) throws Throwable {
      return ((Construction) factory).construct(id);
    }
  }

  /**
   * The instances by binding id, for the node's lookup fast path: read each slot with acquire
   * semantics (a plain read, then {@link VarHandle#acquireFence()} if it is not null, as {@link
   * #get(int)} does; the same as an acquire read, and cheaper before the JIT compiles it), and
   * never write one.
   */
  public Object[] slots() {
    return slots;
  }

  /** The instance of binding {@code id}, built (with what it needs) on first use. */
  public Object get(int id) {
    Object instance = slots[id];
    if (instance != null) {
      VarHandle.acquireFence(); // with the plain read: an acquire read, as the class says
      return instance;
    }
    return build(id);
  }

  /**
   * The build protocol, in one place: under the factory's lock, builds binding {@code id} unless
   * another thread did meanwhile, records it in construction order and publishes it. For a
   * caller that found the slot empty ({@link #get(int)} and the node's own lookup).
   *
   * @throws FactoryException naming the node, the daemon and its path: the node is sealed, a
   *     cycle closed through a {@code Provider}, an injected instance is missing, or the
   *     constructor or provides method threw or returned null
   */
  public Object build(int id) {
    // lock, push and pop are written out here for their common case: a fresh JVM's first build
    // runs this interpreted for its first few hundred bindings, where every call costs
    Thread me = Thread.currentThread();
    boolean outermost = owner != me;
    if (outermost) {
      if (!compareAndSet(FREE, HELD)) {
        awaitLock(me);
      }
      owner = me;
    }
    try {
      // a cycle closed at run time recurses without end: looking for it only in deep stacks
      // keeps the common case free of a scan, and still reports it long before the stack ends
      if (depth >= CYCLE_CHECK_DEPTH && isBuilding(id)) {
        String daemon = bindings.name(id);
        throw BuildErrors.cycle(node, daemon, pathWith(daemon));
      }
      if (depth > 0) {
        pushOuter();
      }
      depth++;
      constructing = id;
      try {
        Object instance = slots[id];
        if (instance == null) {
          instance = construct(id, me);
          order[count++] = id;
          VarHandle.releaseFence(); // with the plain write: a release write of the slot
          slots[id] = instance;
        } else {
          VarHandle.releaseFence(); // another thread built it: see below
        }
        // after a release fence either way, so that a caller's plain write of the instance (a
        // memo field, NodeGraph.memo) is a release write too, with no fence of its own: a
        // fresh JVM's first build runs that path interpreted, where a fence is two calls
        return instance;
      } catch (Throwable t) {
        throw failure(id, t);
      } finally {
        depth--;
        constructing = depth == 0 ? -1 : building[depth - 1];
      }
    } finally {
      if (outermost) {
        unlock();
      }
    }
  }

  /**
   * Constructs binding {@code id}, which is not built yet; the caller holds the lock. First it
   * builds what the binding's line lists, which the dispatch then reads from the slots. An
   * injected binding has no case in the dispatch, which throws for it: that is told apart only
   * then.
   */
  private Object construct(int id, Thread me) throws Throwable {
    if (stopping | sealed) {
      checkOpen();
    }
    if (depth > DEEP) {
      buildNeedsFirst(id);
    } else {
      // each id the line lists, in its order, that is not built yet (its own needs first, the
      // same way): a build allocates nothing for them. A loop here, not a method, and the
      // table's arrays read as fields: calls fewer per construction in a fresh JVM's first
      // build, which runs this interpreted
      int[] from = bindings.needsFrom;
      int[] needs = bindings.needIds;
      for (int i = from[id], end = from[id + 1]; i < end; i++) {
        int need = needs[i];
        if (slots[need] == null) { // a plain read: under the lock every slot is current
          build(need);
        }
      }
    }
    Object instance = constructOnNode(id, me);
    if (instance == null) {
      throw bindings.kind(id) == Bindings.INJECTED
          ? notInjected(id)
          : BuildErrors.returnedNull(node, bindings.name(id), bindings.method(id), pathWith(null));
    }
    return instance;
  }

  /**
   * Builds every binding of this node that {@code id} needs, directly or not, and that is not
   * built yet, in dependency order (a depth-first post-order with a stack of its own, not the
   * thread's): each then finds what it needs built, so the stack stays as deep as it is now.
   * A dependency reached through a {@code Provider} is not a need: it is built when asked for.
   */
  private void buildNeedsFirst(int id) {
    int[] direct = bindings.needs(id);
    boolean anyMissing = false;
    for (int need : direct) {
      anyMissing |= slots[need] == null; // plain reads: under the lock every slot is current
    }
    if (!anyMissing) {
      return; // the common case below a deep build: what it needs is built already
    }
    boolean[] seen = new boolean[slots.length];
    int[] stack = new int[16];
    int top = 0;
    stack[top++] = id;
    seen[id] = true;
    while (top > 0) {
      int next = stack[top - 1];
      if (next < 0) { // its needs are built: build it (the outermost is the caller's to build)
        top--;
        if (~next != id) {
          get(~next);
        }
        continue;
      }
      stack[top - 1] = ~next;
      for (int need : bindings.needs(next)) {
        if (!seen[need] && slots[need] == null) {
          seen[need] = true;
          if (top == stack.length) {
            stack = java.util.Arrays.copyOf(stack, top * 2);
          }
          stack[top++] = need;
        }
      }
    }
  }

  /**
   * Constructs binding {@code id} as this node's code: a constructor or provides method that asks
   * for "the calling node" (binding an endpoint, opening its disk) gets this node, whichever
   * thread asked for the instance. The thread's context cell is looked up once per thread, not
   * per construction, and its name is written only when it changes (see {@link NodeContext}: a
   * reference write into the cell costs a G1 barrier with a fence, a flag's write does not).
   */
  private Object constructOnNode(int id, Thread me) throws Throwable {
    NodeContext context = cell;
    if (cellThread != me) {
      context = NodeContext.cell();
      cell = context;
      cellThread = me;
    }
    // NodeContext's enter and restore, written out: three calls fewer per construction in a
    // fresh JVM's first build, which runs this interpreted for its first few hundred bindings
    boolean wasInside = context.inside;
    String previous = context.node; // the enclosing construction's node, if wasInside
    if (previous != node) {
      context.node = node;
    }
    context.inside = true;
    try {
      return dispatch.construct(factory, id);
    } finally {
      if (wasInside && context.node != previous) {
        context.node = previous;
      }
      context.inside = wasInside;
    }
  }

  /**
   * Hands in {@code instance} for the binding whose injectable class is {@code type}; returns
   * false if this factory owns none.
   *
   * @throws IllegalStateException if that binding is already built or injected
   */
  public boolean inject(Class<?> type, Object instance) {
    // the generated table names the classes of the generated class's package without it
    int id = bindings.idOf(type, factory == null ? "" : factory.getClass().getPackageName());
    if (id < 0) {
      return false;
    }
    inject(id, instance);
    return true;
  }

  /** Hands in {@code instance} for binding {@code id} (a generated child creator's parameters). */
  public void inject(int id, Object instance) {
    if (instance == null) {
      throw new NullPointerException("Cannot create node " + node + " with null for "
          + bindings.name(id) + ". Fix: hand its creator an instance of " + bindings.name(id)
          + ".");
    }
    boolean outermost = lockIfFree();
    try {
      if (slots[id] != null) {
        throw BuildErrors.alreadyBuilt(node, bindings.name(id));
      }
      order[count++] = ~id;
      VarHandle.releaseFence();
      slots[id] = instance;
    } finally {
      if (outermost) {
        unlock();
      }
    }
  }

  /** The node's name. */
  public String node() {
    return node;
  }

  /** Names the node (not the lock word, which {@code AtomicInteger} would print). */
  @Override
  public String toString() {
    return "FactoryCore of node " + node;
  }

  /** The node's identity, assigned when it was created. */
  public NodeId id() {
    NodeId known = id;
    if (known == null) {
      known = NodeId.of(node);
      id = known;
    }
    return known;
  }

  /** Takes the lock for {@code me}, which does not hold it: one compare-and-set, unless taken. */
  private void lock(Thread me) {
    if (!compareAndSet(FREE, HELD)) {
      awaitLock(me);
    }
    owner = me;
  }

  /**
   * Waits for the lock, then takes it. On a simulated task it parks until woken: every task runs
   * on the kernel's one carrier, in program order, so a release always sees the waiters queued
   * before it, and a construction that never ends stays a hang the simulator reports. On a real
   * thread the release may miss a waiter that queued at the same instant (see {@link #unlock()}):
   * the waiter then looks again by itself, after at most {@link #RECHECK_NANOS}.
   */
  private void awaitLock(Thread me) {
    long recheck = Clocks.isSimulated() ? 0 : RECHECK_NANOS;
    signal().awaitUninterruptibly(() -> compareAndSet(FREE, HELD), this, recheck);
  }

  /** Takes the lock unless the calling thread holds it; returns whether this call took it. */
  private boolean lockIfFree() {
    Thread me = Thread.currentThread();
    if (owner == me) {
      return false;
    }
    lock(me);
    return true;
  }

  /**
   * Releases the lock: a release store, then wakes whoever waits for it (rarely anyone). The
   * store orders everything built under the lock before the next owner's compare-and-set, but no
   * fence orders it before the read of the waiters: on a real thread that read may miss a waiter
   * that queued just as the lock was released and then saw it still taken. Such a waiter looks
   * again by itself ({@link #awaitLock}), so a miss costs it at most a millisecond, and the
   * common, uncontended release costs no fence.
   */
  private void unlock() {
    owner = null;
    lazySet(FREE); // a release store
    Signal waiting = idle;
    if (waiting != null) {
      waiting.signalAll(); // a waiting builder, or a start() waiting to seal
    }
  }

  /** The signal waiters of the lock park on, made by the first of them. */
  private Signal signal() {
    Signal signal = idle;
    return signal != null ? signal : LazyFields.install(Waiting.IDLE, this, new Signal());
  }

  /**
   * Before a nested construction: moves the innermost id, {@code constructing}, onto the stack of
   * the outer ones ({@link #build} then makes the new id the innermost, and pops it after).
   */
  private void pushOuter() {
    int[] stack = building;
    if (stack == null) {
      stack = building = new int[8];
    } else if (depth > stack.length) {
      stack = building = java.util.Arrays.copyOf(stack, depth * 2);
    }
    stack[depth - 1] = constructing;
  }

  /** The id being built at nesting level {@code level} (0: the outermost). */
  private int buildingAt(int level) {
    return level == depth - 1 ? constructing : building[level];
  }

  private boolean isBuilding(int id) {
    for (int i = 0; i < depth; i++) {
      if (buildingAt(i) == id) {
        return true;
      }
    }
    return false;
  }

  /** The daemon being built by this thread, or null. */
  private String current() {
    return depth == 0 ? null : bindings.name(constructing);
  }

  /**
   * Fails if the node has started: construction belongs before {@code start()}.
   *
   * @throws FactoryException naming the daemon that was asked for too late
   */
  private void checkOpen() {
    if (stopping) {
      throw BuildErrors.stopping(node, current());
    }
    if (sealed) {
      throw BuildErrors.sealed(node, current(), pathWith(null));
    }
  }

  /**
   * Turns whatever a constructor or provides method threw into a {@link FactoryException} naming
   * the daemon and its path, for the caller to throw; one that already is one (from a dependency)
   * passes unchanged, and so does a {@link NodeStoppingException} (a cancellation passes through
   * every accessor). Typed {@code RuntimeException}, with casts rather than typed patterns, so
   * that this class's verifier loads no exception class (see {@link BuildErrors}).
   */
  private RuntimeException failure(int id, Throwable thrown) {
    if (thrown instanceof FactoryException) {
      return (RuntimeException) thrown;
    }
    if (slots[id] == null && bindings.kind(id) == Bindings.INJECTED) {
      return notInjected(id); // what the dispatch threw for its missing case
    }
    if (thrown instanceof NodeStoppingException) {
      return (RuntimeException) thrown;
    }
    if (thrown instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return BuildErrors.threw(node, current(), pathWith(null), thrown);
  }

  private RuntimeException notInjected(int id) {
    String daemon = bindings.name(id);
    return BuildErrors.notInjected(node, daemon, pathWith(daemon));
  }

  /**
   * Seals the factory once no construction is under way, waiting for one at most {@code grace} on
   * {@code clock}: from then on {@link #checkOpen()} fails.
   *
   * @return whether it sealed; false if a construction did not end within {@code grace} (see
   *     {@link #constructor()} and {@link #constructing()})
   */
  public boolean seal(Clock clock, Duration grace) {
    Thread me = Thread.currentThread();
    if (owner == me) { // start() called from a construction on this node: seal around it
      sealed = true;
      cellThread = null;
      cell = null;
      return true;
    }
    if (!Sealing.lock(this, clock, grace)) {
      return false;
    }
    owner = me; // unlock() clears it
    sealed = true;
    cellThread = null; // nothing is built from now on: keep no thread reachable
    cell = null;
    unlock();
    return true;
  }

  /**
   * The wait of {@link #seal}: a class of its own because it catches {@link InterruptedException},
   * and a method that catches a class makes the verifier load it, which the first build of every
   * fresh JVM would pay (see {@link BuildErrors}); a node that seals waits here anyway.
   */
  private static final class Sealing {
    private Sealing() {}

    /**
     * Takes {@code core}'s lock, waiting at most {@code grace} on {@code clock}; returns false if
     * it could not. Not interruptible: an interrupt is kept for the caller.
     */
    static boolean lock(FactoryCore core, Clock clock, Duration grace) {
      long end = clock.monotonicNanos() + grace.toNanos();
      // in slices on a real thread: a release may miss this waiter (see unlock())
      long slice = Clocks.isSimulated() ? Long.MAX_VALUE : RECHECK_NANOS;
      boolean interrupted = false;
      try {
        while (true) { // bounded, not interruptible: an interrupt is kept for the caller
          try {
            long left = end - clock.monotonicNanos();
            if (core.signal().await(
                clock, () -> core.compareAndSet(FREE, HELD), Math.min(left, slice), core)) {
              return true;
            }
            if (left <= slice) {
              return core.compareAndSet(FREE, HELD);
            }
          } catch (InterruptedException e) {
            interrupted = true;
            if (Unwinding.isUnwinding(Thread.currentThread())) {
              return false;
            }
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** The thread building a daemon right now, or null. */
  public Thread constructor() {
    return owner;
  }

  /** The daemon being built right now (for a hang report), or null. */
  public String constructing() {
    int id = constructing;
    return id < 0 ? null : bindings.name(id);
  }

  /** Marks the node as stopping: from now on {@link #checkOpen()} cancels requests. */
  public void markStopping() {
    stopping = true;
  }

  /** Whether the factory is sealed. */
  public boolean isSealed() {
    return sealed;
  }

  /** A snapshot of what was built or injected, in construction order. */
  public List<Built> builtInOrder() {
    boolean outermost = lockIfFree();
    try {
      List<Built> list = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int entry = order[i];
        boolean injected = entry < 0;
        int id = injected ? ~entry : entry;
        boolean managed = !injected && bindings.kind(id) == Bindings.DAEMON;
        list.add(new Built(bindings.name(id), slots[id], injected, managed));
      }
      return list;
    } finally {
      if (outermost) {
        unlock();
      }
    }
  }

  /** The daemons being built, outermost first, then {@code last} if not null. */
  private List<String> pathWith(String last) {
    List<String> path = new ArrayList<>(depth + 1);
    for (int i = 0; i < depth; i++) {
      path.add(bindings.name(buildingAt(i)));
    }
    if (last != null) {
      path.add(last);
    }
    return path;
  }
}
