package io.steelmill.runtime;

import io.steelmill.platform.Clock;
import io.steelmill.runtime.internal.Built;
import io.steelmill.runtime.internal.NodeThreads;
import io.steelmill.runtime.internal.Unwinding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A node's calls into daemon code and their outcomes: each {@code prepare()}, {@code run()} and
 * {@code stop()} runs with the node and daemon in the MDC and the node context; what it throws is
 * kept (named by daemon, node and phase) and logged; a call that hangs is given up, reported with
 * its thread's stack and interrupted. The {@code run()} calls start here, each on a virtual thread
 * of its own, and a failing one stops the whole tree.
 *
 * <p>{@link PhaseCalls} drives the ordered phases with these; {@link NodeStop} gives up on the
 * calls that outlive a stop.
 */
final class DaemonCalls {
  private DaemonCalls() {}

  /** Calls {@code phase} of {@code built}, with the MDC and the node context set. */
  static void invoke(Node node, Built built, Phase phase) throws Exception {
    Lifecycle daemon = (Lifecycle) built.instance();
    Mdc.Action action =
        switch (phase) {
          case PREPARE -> daemon::prepare;
          case STOP -> daemon::stop;
          default -> daemon::run;
        };
    Mdc.with(node.name(), built.daemon(), action);
  }

  /** Keeps {@code error}, thrown by {@code daemon} of {@code node} in {@code phase}; logs it. */
  static void record(Node node, String daemon, Phase phase, Throwable error) {
    if (node.isCrashed()) {
      return;
    }
    NodeTree.record(node, new FactoryException(node.name(), daemon, phase, List.of(), null, error));
    NodeLog.failed(node, daemon, phase, error);
  }

  /**
   * Gives {@code call} of {@code node} up as hung: reports it (daemon, phase, thread, stack), then
   * interrupts its thread. False if the call returned first, or was given up already.
   */
  static boolean giveUp(Node node, Call call, String what) {
    if (!call.giveUp()) {
      return false;
    }
    FactoryException hung = call.hangReport(node.name(), what); // the stack before the interrupt
    // kept before anyone sees the call given up: a stopper waiting for it (on another thread
    // than this close()) would otherwise end the node TERMINATED, its failure recorded after
    NodeTree.record(node, hung);
    call.reported();
    call.thread.interrupt();
    NodeLog.hung(node, hung);
    node.status().signal();
    return true;
  }

  /**
   * Starts the {@code run()} of every daemon {@code node} prepared, each on its own virtual thread
   * named {@code <node>/<daemon>}; called under the lifecycle lock, as the node turns running.
   */
  static void runAll(Node node, Clock clock) {
    NodeStatus status = node.status();
    List<Built> daemons = status.prepared();
    List<Call> calls = new ArrayList<>(daemons.size());
    for (Built built : daemons) {
      Call[] call = new Call[1];
      Thread thread =
          NodeThreads.unstarted(node.id(), built.daemon(), () -> runOne(node, built, call[0]));
      call[0] = new Call(built.daemon(), Phase.RUN, thread, clock.monotonicNanos(), calls.size());
      calls.add(call[0]);
    }
    status.runners = List.copyOf(calls);
    calls.forEach(call -> call.thread.start());
  }

  private static void runOne(Node node, Built built, Call call) {
    NodeTree.ownThread(node);
    Throwable error = null;
    try {
      invoke(node, built, Phase.RUN);
    } catch (Throwable e) {
      error = e;
    }
    try {
      if (error != null && call.running() && !isShutdownNoise(node, error)) {
        try {
          record(node, built.daemon(), Phase.RUN, error);
        } finally { // the tree stops, and the call ends, even if keeping the error failed
          NodeStop.requestStop(NodeTree.root(node),
              "a failure in run() of " + built.daemon() + " on node " + node.name());
        }
      }
    } finally {
      call.returned();
      node.status().signal();
    }
  }

  /** What a run() throws because it is being stopped, crashed or unwound: not a failure. */
  private static boolean isShutdownNoise(Node node, Throwable error) {
    NodeStatus status = node.status();
    return status.crashed
        || Unwinding.isUnwinding(Thread.currentThread())
        || (status.stopRequested
            && (error instanceof InterruptedException || error instanceof CancellationException));
  }
}
