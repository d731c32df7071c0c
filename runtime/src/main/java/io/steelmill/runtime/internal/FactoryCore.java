package io.steelmill.runtime.internal;

import io.steelmill.platform.Clock;
import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.NodeId;
import io.steelmill.runtime.NodeStoppingException;
import io.steelmill.runtime.Phase;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The construction side of one factory: its instances by binding id, the lock that makes
 * concurrent first requests build exactly one instance, the stack of daemons being built (for
 * cycle checks through providers and for the path in error messages), the construction order,
 * and the seal.
 *
 * <p>Generated code holds no state and no protocol: each binding accessor is one line, {@code
 * return (Store) get(0);}, and a dispatch {@code construct(int id)} says how to make each id.
 * {@link #get(int)} is an acquire read of the slot; only when it is still empty does {@link
 * #build(int)} run the whole protocol: lock, cycle check, seal check, construct, record in
 * construction order, publish, and wrap any failure with the daemon and its path.
 *
 * <p>One lock per factory, not per binding: construction is rare, and a single lock keeps the
 * recorded order a true topological order, with no lock-ordering hazards between bindings.
 */
public final class FactoryCore {
  /** Constructs the instance of one binding id: the generated factory's dispatch. */
  public interface Construction {
    Object construct(int id) throws Throwable;
  }

  private static final int CYCLE_CHECK_DEPTH = 64;

  /**
   * Nested constructions after which a construction first builds what it needs, iteratively: a
   * chain built lazily from its top would otherwise take a few stack frames per link, and a
   * chain of 10,000 overflows a thread's stack.
   */
  private static final int DEEP = 48;
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle CONSTRUCTING;

  static {
    try {
      CONSTRUCTING =
          MethodHandles.lookup().findVarHandle(FactoryCore.class, "constructing", String.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String node;
  private final NodeId id;
  private final Bindings bindings;
  private final Object[] slots; // written under lock with release, read with acquire
  private Construction construction;
  private final OwnedLock lock = new OwnedLock();
  private final Signal idle = new Signal(); // signalled when an outermost construction ends
  private String[] building = new String[8]; // the daemons being built, a stack; guarded by lock
  private int depth; // guarded by lock
  private final List<Built> built = new ArrayList<>(); // guarded by lock
  private volatile boolean sealed;
  private volatile boolean stopping;
  // the daemon being built, for hang reports: written and read opaque (no fence per construction;
  // a report comes seconds after the write it shows)
  private String constructing;

  /** A lock that names its owner, so a construction that hangs can be reported with its thread. */
  private static final class OwnedLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    Thread owner() {
      return getOwner();
    }
  }

  /** Creates the core of the node called {@code node}, owning {@code bindings}. */
  public FactoryCore(String node, Bindings bindings) {
    this.node = node;
    this.id = NodeId.of(node);
    this.bindings = bindings;
    this.slots = new Object[bindings.size()];
  }

  /** Sets how ids are constructed; called once, by the node, before anything is requested. */
  public void constructWith(Construction construction) {
    this.construction = construction;
  }

  /**
   * The instances by binding id, for the node's lookup fast path: read each slot with acquire
   * semantics ({@link #get(int)} does), and never write one.
   */
  public Object[] slots() {
    return slots;
  }

  /** The instance of binding {@code id}, built (with what it needs) on first use. */
  public Object get(int id) {
    Object instance = SLOTS.getAcquire(slots, id);
    return instance != null ? instance : build(id);
  }

  /**
   * The build protocol, in one place: under the factory's lock, builds binding {@code id} unless
   * another thread did meanwhile, records it in construction order and publishes it.
   *
   * @throws FactoryException naming the node, the daemon and its path: the node is sealed, a
   *     cycle closed through a {@code Provider}, an injected instance is missing, or the
   *     constructor or provides method threw or returned null
   */
  private Object build(int id) {
    String daemon = bindings.name(id);
    enter(daemon);
    try {
      Object instance = slots[id];
      if (instance == null) {
        byte kind = bindings.kind(id);
        if (kind == Bindings.INJECTED) {
          throw notInjected(daemon);
        }
        checkOpen();
        if (depth > DEEP) {
          buildNeedsFirst(id);
        }
        instance = constructOnNode(id);
        if (instance == null) {
          throw returnedNull(id, daemon);
        }
        built.add(new Built(daemon, instance, false, kind == Bindings.DAEMON));
        SLOTS.setRelease(slots, id, instance);
      }
      return instance;
    } catch (Throwable t) {
      throw failure(t);
    } finally {
      exit();
    }
  }

  /**
   * Builds every binding of this node that {@code id} needs, directly or not, and that is not
   * built yet, in dependency order (a depth-first post-order with a stack of its own, not the
   * thread's): each then finds what it needs built, so the stack stays as deep as it is now.
   * A dependency reached through a {@code Provider} is not a need: it is built when asked for.
   */
  private void buildNeedsFirst(int id) {
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
        if (!seen[need] && SLOTS.getAcquire(slots, need) == null) {
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
   * thread asked for the instance.
   */
  private Object constructOnNode(int id) throws Throwable {
    String previous = NodeContext.enter(this.id);
    try {
      return construction.construct(id);
    } finally {
      NodeContext.restore(previous);
    }
  }

  /**
   * Hands in {@code instance} for the binding whose injectable class is {@code type}; returns
   * false if this factory owns none.
   *
   * @throws IllegalStateException if that binding is already built or injected
   */
  public boolean inject(Class<?> type, Object instance) {
    int id = bindings.idOf(type);
    if (id < 0) {
      return false;
    }
    inject(id, instance);
    return true;
  }

  /** Hands in {@code instance} for binding {@code id} (a generated child creator's parameters). */
  public void inject(int id, Object instance) {
    String daemon = bindings.name(id);
    enter(daemon);
    try {
      if (slots[id] != null) {
        throw alreadyBuilt(daemon);
      }
      built.add(new Built(daemon, instance, true, false));
      SLOTS.setRelease(slots, id, instance);
    } finally {
      exit();
    }
  }

  /** The node's name. */
  public String node() {
    return node;
  }

  /** The node's identity, assigned when it was created. */
  public NodeId id() {
    return id;
  }

  /**
   * Takes the factory's construction lock and marks {@code daemon} as being built by this thread.
   * Always pair with {@link #exit()} in a {@code finally} block.
   *
   * @throws FactoryException if {@code daemon} is already being built on this thread: a cycle
   *     closed at run time through a {@code Provider}
   */
  private void enter(String daemon) {
    lock.lock();
    // a cycle closed at run time recurses without end: looking for it only in deep stacks keeps
    // the common case free of a scan, and still reports it long before the stack overflows
    if (depth >= CYCLE_CHECK_DEPTH && isBuilding(daemon)) {
      List<String> path = pathWith(daemon);
      lock.unlock();
      throw new FactoryException(
          node,
          daemon,
          Phase.CONSTRUCT,
          path,
          daemon
              + " was requested while it was being built, through a Provider.get() called from a"
              + " constructor. Fix: call get() later (in prepare() or run()), not while"
              + " constructing.",
          null);
    }
    if (depth == building.length) {
      building = java.util.Arrays.copyOf(building, depth * 2);
    }
    building[depth++] = daemon;
    CONSTRUCTING.setOpaque(this, daemon);
  }

  /** Releases what {@link #enter(String)} took. */
  private void exit() {
    building[--depth] = null;
    boolean outermost = depth == 0;
    CONSTRUCTING.setOpaque(this, outermost ? null : building[depth - 1]);
    lock.unlock();
    if (outermost) {
      idle.signalAll(); // a start() may wait to seal
    }
  }

  private boolean isBuilding(String daemon) {
    for (int i = 0; i < depth; i++) {
      if (building[i].equals(daemon)) {
        return true;
      }
    }
    return false;
  }

  /** The daemon being built by this thread, or null. */
  private String current() {
    return depth == 0 ? null : building[depth - 1];
  }

  /**
   * Fails if the node has started: construction belongs before {@code start()}.
   *
   * @throws FactoryException naming the daemon that was asked for too late
   */
  private void checkOpen() {
    if (stopping) {
      String daemon = current();
      throw new NodeStoppingException(
          node,
          daemon
              + " was requested from node \""
              + node
              + "\" after it began to stop; a stopping node builds nothing new, so the request"
              + " is cancelled.");
    }
    if (sealed) {
      String daemon = current();
      throw new FactoryException(
          node,
          daemon,
          Phase.CONSTRUCT,
          pathWith(null),
          daemon
              + " was first requested after the node started, and a started node is sealed."
              + " Fix: request it (or a daemon that needs it) before calling start().",
          null);
    }
  }

  /**
   * Turns whatever a constructor or provides method threw into a {@link FactoryException} naming
   * the daemon and its path; one that already is one (from a dependency) passes unchanged.
   */
  private FactoryException failure(Throwable thrown) {
    if (thrown instanceof FactoryException e) {
      return e;
    }
    if (thrown instanceof NodeStoppingException cancelled) {
      throw cancelled; // a cancellation passes through every accessor unchanged
    }
    if (thrown instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new FactoryException(node, current(), Phase.CONSTRUCT, pathWith(null), null, thrown);
  }

  /** The error for a {@code @Provides} method that returned null: it names the method. */
  private FactoryException returnedNull(int id, String daemon) {
    String method = bindings.method(id);
    return new FactoryException(
        node,
        daemon,
        Phase.CONSTRUCT,
        pathWith(null),
        (method == null ? "its @Provides method" : "the @Provides method " + method + "()")
            + " returned null for "
            + daemon
            + "; a binding is never null. Fix: return an instance from "
            + (method == null ? "it" : method + "()")
            + ", or throw an exception that says what is missing.",
        null);
  }

  /** The error for {@code inject} on a binding that is already built. */
  private IllegalStateException alreadyBuilt(String daemon) {
    return new IllegalStateException(
        daemon
            + " is already built in node \""
            + node
            + "\"; an instance can only be injected before anything requests it."
            + " Fix: call inject() right after creating the node.");
  }

  /** The error for an {@code @Factory(injected = ...)} binding requested before injection. */
  private FactoryException notInjected(String daemon) {
    return new FactoryException(
        node,
        daemon,
        Phase.CONSTRUCT,
        pathWith(daemon),
        daemon
            + " is declared in @Factory(injected = ...) but no instance was injected."
            + " Fix: call inject("
            + daemon
            + ".class, instance) before anything needs it.",
        null);
  }

  /**
   * Seals the factory once no construction is under way, waiting for one at most {@code grace} on
   * {@code clock}: from then on {@link #checkOpen()} fails.
   *
   * @return whether it sealed; false if a construction did not end within {@code grace} (see
   *     {@link #constructor()} and {@link #constructing()})
   */
  public boolean seal(Clock clock, Duration grace) {
    long end = clock.monotonicNanos() + grace.toNanos();
    boolean interrupted = false;
    boolean locked = false;
    try {
      while (!locked) { // bounded, not interruptible: an interrupt is kept for the caller
        try {
          locked = idle.await(clock, lock::tryLock, end - clock.monotonicNanos(), this);
          if (!locked) {
            locked = lock.tryLock();
            if (!locked) {
              return false;
            }
          }
        } catch (InterruptedException e) {
          interrupted = true;
          if (Unwinding.isUnwinding(Thread.currentThread())) {
            return false;
          }
        }
      }
      sealed = true;
      lock.unlock();
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The thread building a daemon right now, or null. */
  public Thread constructor() {
    return lock.owner();
  }

  /** The daemon being built right now (for a hang report), or null. */
  public String constructing() {
    return (String) CONSTRUCTING.getOpaque(this);
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
    lock.lock();
    try {
      return List.copyOf(built);
    } finally {
      lock.unlock();
    }
  }

  /** The daemons being built, outermost first, then {@code last} if not null. */
  private List<String> pathWith(String last) {
    List<String> path = new ArrayList<>(depth + 1);
    for (int i = 0; i < depth; i++) {
      path.add(building[i]);
    }
    if (last != null) {
      path.add(last);
    }
    return path;
  }
}
