package io.steelmill.runtime;

import io.steelmill.platform.Clock;
import io.steelmill.runtime.internal.Built;
import io.steelmill.runtime.internal.NodeThreads;
import io.steelmill.runtime.internal.Unwinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a node stops: the first request decides who stopped it ({@link #requestStop}); one stopper
 * then stops the children (in reverse start order), calls each prepared daemon's {@code stop()}
 * in reverse preparation order, waits for every {@code run()} to return, and ends the node
 * {@code TERMINATED}, or {@code FAILED} with its errors ({@link #shutdown}).
 *
 * <p>Why the caller's wait is separate ({@link #awaitStopped}): it is bounded by the grace period
 * plus a margin from when the stop was asked, whatever the stopper is doing. Past it, the caller
 * gives up on what still runs (reported with its stack, interrupted) and returns; the stopper goes
 * on in the background. So {@code close()} returns in bounded time even if a daemon never does.
 */
final class NodeStop {
  private NodeStop() {}

  /** Asks {@code node} to stop, without waiting; the first request decides who stops it. */
  static void requestStop(Node node, String origin) {
    NodeStatus status = node.status();
    Clock clock = node.clock();
    boolean newNode;
    boolean running;
    status.lock.lock();
    try {
      if (status.stopRequested || status.terminated) {
        return;
      }
      newNode = status.state() == NodeState.NEW;
      running = status.state() == NodeState.RUNNING;
      markStopping(node, clock, origin); // a STARTING node is stopped by its start()
    } finally {
      status.lock.unlock();
    }
    status.signal();
    if (newNode) {
      finish(node, clock, clock.monotonicNanos(), false); // never started: nothing to log
    } else if (running) {
      NodeThreads.unstarted(node.id(), "stopping", () -> {
        NodeTree.ownThread(node);
        shutdown(node, node.clock());
      }).start();
    }
  }

  /** Under the lifecycle lock: the node stops, and its factory builds nothing more. */
  static void markStopping(Node node, Clock clock, String origin) {
    NodeStatus status = node.status();
    status.stopRequested = true;
    status.stopRequestedAt = clock.monotonicNanos();
    status.stopOrigin = origin;
    node.core().markStopping();
    if (status.state() != NodeState.STARTING) {
      status.state = NodeState.STOPPING;
    }
  }

  /** Stops children, then the prepared daemons in reverse, then awaits the runners. Runs once. */
  static void shutdown(Node node, Clock clock) {
    NodeStatus status = node.status();
    status.state = NodeState.STOPPING;
    long begin = clock.monotonicNanos();
    stopChildren(node);
    List<Built> toStop = new ArrayList<>(status.prepared());
    status.prepared = null;
    Collections.reverse(toStop);
    PhaseCalls calls =
        new PhaseCalls(node, Phase.STOP, toStop, clock, node.gracePeriod(), () -> false);
    status.active = calls;
    calls.run();
    status.active = null;
    awaitRunners(node, clock);
    finish(node, clock, begin, true);
  }

  private static void stopChildren(Node node) {
    List<Node> snapshot = NodeTree.children(node);
    Collections.reverse(snapshot);
    for (Node child : snapshot) {
      requestStop(child, "its parent " + node.name() + " stopping");
    }
    for (Node child : snapshot) {
      awaitStopped(child, false);
    }
  }

  private static void awaitRunners(Node node, Clock clock) {
    NodeStatus status = node.status();
    List<Call> calls = status.runners();
    if (calls.isEmpty()) {
      return;
    }
    long deadline = clock.monotonicNanos() + node.gracePeriod().toNanos();
    status.awaitUntil(clock, () -> calls.stream().allMatch(Call::settled), deadline, false);
    if (Unwinding.isUnwinding(Thread.currentThread())) {
      return;
    }
    for (Call call : calls) {
      if (call.running()) {
        DaemonCalls.giveUp(
            node, call, "run() did not return within " + node.gracePeriod() + " after stop()");
      }
    }
    // a run() claimed by a close() that gave up waiting: its report is kept before the end
    status.awaitUntil(clock, () -> calls.stream().allMatch(Call::settled),
        clock.monotonicNanos() + node.gracePeriod().toNanos(), false);
  }

  /** Ends the stop, which began at {@code begin} on {@code clock}; logs it if it had started. */
  private static void finish(Node node, Clock clock, long begin, boolean started) {
    NodeStatus status = node.status();
    if (status.crashed) {
      return;
    }
    Node parent = node.parentNode();
    if (parent != null) {
      NodeTree.release(parent, node);
      if (node.ownsParent()) { // not awaited here: the parent may be the one stopping this node
        requestStop(parent, "its only child " + node.name() + " stopping");
      }
    }
    status.adoptParentErrors();
    if (started) { // logged before anyone waiting for the end can look
      NodeLog.stopped(node, clock, begin, status.errors.all().size());
    }
    List<Runnable> listeners;
    status.lock.lock();
    try {
      status.state = status.errors.isEmpty() ? NodeState.TERMINATED : NodeState.FAILED;
      status.runners = null;
      status.terminated = true;
      listeners = status.onTermination;
      status.onTermination = null;
    } finally {
      status.lock.unlock();
    }
    status.signal();
    VirtualMachineError fatal = null;
    if (listeners != null) {
      for (Runnable listener : listeners) {
        fatal = first(fatal, tell(node, listener));
      }
    }
    Node owner = node.ownedBy();
    if (owner != null) {
      failWithParent(owner); // its private ambient's errors are its own
      owner.status().signal(); // its close() waits for this node too
    }
    if (fatal != null) {
      throw fatal; // after every listener and the owner: the JVM's own trouble is not swallowed
    }
  }

  private static VirtualMachineError first(VirtualMachineError kept, VirtualMachineError next) {
    return kept != null ? kept : next;
  }

  /**
   * Adds {@code listener} to what runs when {@code node} ends; runs it now, on this thread, if the
   * node has ended already (not if it crashed).
   */
  static void onTermination(Node node, Runnable listener) {
    NodeStatus status = node.status();
    status.lock.lock();
    try {
      if (!status.terminated) {
        if (status.onTermination == null) {
          status.onTermination = new ArrayList<>(1);
        }
        status.onTermination.add(listener);
        return;
      }
    } finally {
      status.lock.unlock();
    }
    if (!status.crashed) {
      VirtualMachineError fatal = tell(node, listener);
      if (fatal != null) {
        throw fatal;
      }
    }
  }

  /**
   * Runs {@code listener}; whatever it throws is logged, so the other listeners still run (an
   * {@code AssertionError} skipped them and the owner's bookkeeping). A {@code
   * VirtualMachineError} is returned for the caller to throw once the rest has run.
   */
  private static VirtualMachineError tell(Node node, Runnable listener) {
    try {
      listener.run();
      return null;
    } catch (Throwable e) {
      NodeLog.listenerFailed(node, e);
      return e instanceof VirtualMachineError fatal ? fatal : null;
    }
  }

  /**
   * A standalone node whose private ambient factory ended with errors after the node itself
   * terminated (an ambient daemon's {@code stop()} failed, say) ends {@code FAILED} too, as its
   * {@code close()} throws them.
   */
  private static void failWithParent(Node node) {
    NodeStatus status = node.status();
    status.adoptParentErrors();
    status.lock.lock();
    try {
      if (status.terminated && !status.errors.isEmpty()) {
        status.state = NodeState.FAILED;
      }
    } finally {
      status.lock.unlock();
    }
  }

  /**
   * Waits until {@code node} terminated, at most the grace period plus a margin from when the stop
   * was asked for; then gives up on what still runs (reported, interrupted). An interrupt of the
   * caller ends the wait early, and is kept. With {@code withOwnedParent}, it also waits for the
   * parent made for this node alone (a standalone node's private ambient factory); never when
   * that parent is the one waiting.
   */
  static void awaitStopped(Node node, boolean withOwnedParent) {
    NodeStatus status = node.status();
    Clock clock = node.clock();
    long deadline =
        status.stopRequestedAt + node.gracePeriod().toNanos() + node.margin().toNanos();
    boolean both = withOwnedParent && node.ownsParent();
    NodeStatus parent = both ? node.parentStatus() : null;
    status.awaitUntil(
        clock, () -> status.terminated && (!both || parent.terminated), deadline, true);
    if (!status.terminated && !Thread.currentThread().isInterrupted()) {
      giveUpOnPending(node, clock);
    }
    if (both && !parent.terminated && !Thread.currentThread().isInterrupted()) {
      giveUpOnPending(node.parentNode(), clock);
    }
    if (both && parent.terminated) {
      failWithParent(node); // its errors may have come after this node ended: not left to a race
    } else {
      status.adoptParentErrors();
    }
  }

  /** Gives up on whatever of {@code node} and its children still runs past the wait of a stop. */
  private static void giveUpOnPending(Node node, Clock clock) {
    NodeStatus status = node.status();
    String late = " was still running "
        + Duration.ofNanos(clock.monotonicNanos() - status.stopRequestedAt)
        + " after the stop was asked for (the grace period " + node.gracePeriod()
        + " plus a margin of " + node.margin() + ")";
    PhaseCalls calls = status.active;
    Call call = calls == null ? null : calls.current();
    if (call != null) {
      DaemonCalls.giveUp(node, call, call.method() + late);
    }
    for (Call runner : status.runners()) {
      if (runner.running()) {
        DaemonCalls.giveUp(node, runner, "run()" + late);
      }
    }
    for (Node child : NodeTree.children(node)) {
      if (!child.status().terminated) {
        giveUpOnPending(child, clock);
      }
    }
  }

  /** See {@link Node#crash()}. */
  static void crash(Node node) {
    NodeStatus status = node.status();
    status.crashed = true;
    NodeTree.children(node).forEach(Node::crash);
    status.lock.lock();
    try {
      if (status.terminated) {
        return;
      }
      status.stopRequested = true;
      node.core().markStopping();
      status.state = NodeState.TERMINATED;
      status.terminated = true;
      status.onTermination = null; // a crashed machine runs nothing more
      status.prepared = null;
      status.runners = null;
    } finally {
      status.lock.unlock();
    }
    status.signal();
    if (node.parentNode() != null) {
      NodeTree.release(node.parentNode(), node);
    }
  }
}
