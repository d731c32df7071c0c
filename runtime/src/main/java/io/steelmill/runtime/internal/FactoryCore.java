package io.steelmill.runtime.internal;

import io.steelmill.platform.Clock;
import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.NodeStoppingException;
import io.steelmill.runtime.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The construction side of one factory: the lock that makes concurrent first requests build
 * exactly one instance, the stack of daemons being built (for cycle checks through providers and
 * for the path in error messages), the construction order, and the seal.
 *
 * <p>Generated accessors read their volatile field without a lock and call in here only when it is
 * still {@code null}:
 *
 * <pre>{@code
 * core.enter("GuestBook");
 * try {
 *   if (guestBook == null) {
 *     core.checkOpen();
 *     guestBook = core.constructed(new GuestBook());
 *   }
 *   return guestBook;
 * } catch (Throwable t) {
 *   throw core.failure(t);
 * } finally {
 *   core.exit();
 * }
 * }</pre>
 *
 * <p>One lock per factory, not per binding: construction is rare, and a single lock keeps the
 * recorded order a true topological order, with no lock-ordering hazards between bindings.
 */
public final class FactoryCore {
  private static final int CYCLE_CHECK_DEPTH = 64;

  private final String node;
  private final OwnedLock lock = new OwnedLock();
  private final Signal idle = new Signal(); // signalled when an outermost construction ends
  private String[] building = new String[8]; // the daemons being built, a stack; guarded by lock
  private int depth; // guarded by lock
  private final List<Built> built = new ArrayList<>(); // guarded by lock
  private volatile boolean sealed;
  private volatile boolean stopping;
  private volatile String constructing; // the daemon being built, for hang reports

  /** A lock that names its owner, so a construction that hangs can be reported with its thread. */
  private static final class OwnedLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    Thread owner() {
      return getOwner();
    }
  }

  /** Creates the core of the node called {@code node}. */
  public FactoryCore(String node) {
    this.node = node;
  }

  /** The node's name. */
  public String node() {
    return node;
  }

  /**
   * Takes the factory's construction lock and marks {@code daemon} as being built by this thread.
   * Always pair with {@link #exit()} in a {@code finally} block.
   *
   * @throws FactoryException if {@code daemon} is already being built on this thread: a cycle
   *     closed at run time through a {@code Provider}
   */
  public void enter(String daemon) {
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
    constructing = daemon;
  }

  /** Releases what {@link #enter(String)} took. */
  public void exit() {
    building[--depth] = null;
    boolean outermost = depth == 0;
    constructing = outermost ? null : building[depth - 1];
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
  public void checkOpen() {
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
   * Records {@code instance}, constructed from a {@code @Daemon} class, in construction order:
   * the node manages its lifecycle. Returns it.
   */
  public <T> T constructed(T instance) {
    built.add(new Built(current(), instance, false, true));
    return instance;
  }

  /**
   * Records {@code instance}, returned by a {@code @Provides} method, in construction order. Its
   * lifecycle is not the node's: the method may return an instance that lives elsewhere.
   */
  public <T> T provided(T instance) {
    return provided(instance, "its @Provides method");
  }

  /**
   * As {@link #provided(Object)}, naming the method ({@code Storage.disk()}) if it returned null:
   * Steelmill never injects null, so null fails the build of the daemon that asked for it.
   *
   * @throws NullPointerException if {@code instance} is null, naming the daemon and the method;
   *     {@link #failure(Throwable)} wraps it with the node, the phase and the path
   */
  public <T> T provided(T instance, String method) {
    if (instance == null) {
      throw new NullPointerException(
          current()
              + " is bound by "
              + method
              + ", which returned null; Steelmill never injects null. Fix: return an instance"
              + " (provide an Optional to model an absent value).");
    }
    built.add(new Built(current(), instance, false, false));
    return instance;
  }

  /** Records {@code instance}, handed in with {@code inject}, in construction order. */
  public <T> T injected(T instance) {
    built.add(new Built(current(), instance, true, false));
    return instance;
  }

  /**
   * Turns whatever a constructor or provides method threw into a {@link FactoryException} naming
   * the daemon and its path; one that already is one (from a dependency) passes unchanged.
   */
  public FactoryException failure(Throwable thrown) {
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

  /** The error for {@code inject} on a binding that is already built. */
  public IllegalStateException alreadyBuilt(String daemon) {
    return new IllegalStateException(
        daemon
            + " is already built in node \""
            + node
            + "\"; an instance can only be injected before anything requests it."
            + " Fix: call inject() right after creating the node.");
  }

  /** The error for an {@code @Factory(injected = ...)} binding requested before injection. */
  public FactoryException notInjected(String daemon) {
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
    return constructing;
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
