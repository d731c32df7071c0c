package io.steelmill.runtime;

import io.steelmill.platform.Clock;
import io.steelmill.runtime.internal.Built;
import io.steelmill.runtime.internal.LazyFields;
import io.steelmill.runtime.internal.Signal;
import io.steelmill.runtime.internal.Unwinding;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Where a node's lifecycle stands: its state, who asked it to stop and when, what it prepared and
 * runs, its errors, its children, and the lock and signal its transitions and waits use.
 *
 * <p>Why a class of its own: most nodes are children made per lease, plugin or request, built and
 * often dropped without ever starting. Such a node needs none of this, so {@link Node} makes it
 * at the first transition, wait or error ({@link Node#status()}), and a node that is only built
 * is a few references. Until then every field reads as its initial value ({@code NEW}, nothing
 * asked, nothing prepared).
 *
 * <p>The lock guards state transitions only: it is never held while daemon code runs, nor while
 * waiting. Fields are volatile, as many threads read them (the starter, the stopper, a {@code
 * close()} that gives up waiting); their initial values are the JVM's defaults (null, false), so
 * making the status writes no volatile field. Readers go through the accessors that supply the
 * initial values ({@link #state()}, {@link #prepared()}, {@link #runners()}, {@link
 * #stopOrigin()}).
 */
final class NodeStatus {
  /**
   * The handle of {@code Node.status}, in a class of its own: it loads at the first transition,
   * wait or child, so building a graph makes no {@code VarHandle} (the first one a JVM makes costs
   * it milliseconds, a fresh JVM's first build included).
   */
  private static final class Handles {
    static final VarHandle STATUS;

    static {
      try {
        STATUS = MethodHandles.lookup().findVarHandle(Node.class, "status", NodeStatus.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  final Node node;
  final ReentrantLock lock = new ReentrantLock();
  /** A call returned, a runner ended, the node ended: waiters re-check their condition. */
  final Signal changed = new Signal();
  final NodeErrors errors = new NodeErrors();
  final Children children = new Children();

  volatile NodeState state; // null: NEW
  volatile boolean crashed;
  volatile boolean stopRequested; // written under lock
  volatile long stopRequestedAt;
  volatile String stopOrigin; // set with stopRequested by NodeStop.markStopping
  volatile boolean terminated;
  volatile List<Built> prepared; // null: none
  volatile List<Call> runners; // null: none
  volatile PhaseCalls active; // the prepare or stop phase in progress
  volatile Map<String, Duration> startupTimes; // null: none
  List<Runnable> onTermination; // null: none; guarded by lock, taken (set null) at the end

  private NodeStatus(Node node) {
    this.node = node;
  }

  /** Makes {@code node}'s status, unless another thread did first; returns the one it has. */
  static NodeStatus install(Node node) {
    return LazyFields.install(Handles.STATUS, node, new NodeStatus(node));
  }

  NodeState state() {
    NodeState current = state;
    return current == null ? NodeState.NEW : current;
  }

  /** What the node prepared, in preparation order; empty before then and once stopping began. */
  List<Built> prepared() {
    List<Built> daemons = prepared;
    return daemons == null ? List.of() : daemons;
  }

  /** The calls of the node's {@code run()} methods; empty before they start and once ended. */
  List<Call> runners() {
    List<Call> calls = runners;
    return calls == null ? List.of() : calls;
  }

  /** Who asked the node to stop first; empty before anyone did (or when it crashed). */
  String stopOrigin() {
    String origin = stopOrigin;
    return origin == null ? "" : origin;
  }

  /** Wakes whoever waits on the node's signal. */
  void signal() {
    changed.signalAll();
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
          return changed.await(clock, ready, deadline - clock.monotonicNanos(), node);
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

  /** A standalone node reports its private ambient factory's errors as its own. */
  void adoptParentErrors() {
    if (node.ownsParent()) {
      node.parentStatus().errors.all().forEach(errors::add);
    }
  }
}
