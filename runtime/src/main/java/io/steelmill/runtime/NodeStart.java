package io.steelmill.runtime;

import io.steelmill.platform.Clock;
import io.steelmill.runtime.internal.Built;
import io.steelmill.runtime.internal.FactoryCore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Node#start()}, step by step: register with the parent (starting a {@code NEW} ambient
 * root first), build what declared children will need, seal the factory, prepare each daemon in
 * construction order (a topological order of their dependencies), then, under the lifecycle lock,
 * turn {@code RUNNING} and start every {@code run()}. A failed or cancelled start stops what was
 * prepared, in reverse order, and throws the first error.
 *
 * <p>Why the last step holds the lock: a stop asked while the node prepared (by another thread, a
 * {@code prepare()}, or an ancestor's stopper) must either see the node {@code RUNNING} and stop
 * it, or be seen here and keep it from running; never neither.
 */
final class NodeStart {
  private NodeStart() {}

  /** See {@link Node#start()}. */
  static void start(Node node) {
    if (node.state() != NodeState.NEW || node.isStopRequested()) {
      throw notNew(node);
    }
    if (node.parentNode() != null) {
      adoptedBy(node);
    }
    NodeStatus status = node.status();
    Clock clock = node.clock();
    long begin = clock.monotonicNanos();
    status.lock.lock();
    try {
      if (status.state() != NodeState.NEW || status.stopRequested) {
        throw notNew(node);
      }
      status.state = NodeState.STARTING;
    } finally {
      status.lock.unlock();
    }
    boolean allPrepared = builtForChildren(node) && prepareAll(node, clock);
    List<String> started = turnRunning(node, clock, allPrepared);
    status.signal();
    if (status.crashed) {
      return; // the machine died while starting: nothing to report to the starter
    }
    if (started == null) {
      NodeStop.shutdown(node, clock);
      throw startFailure(node);
    }
    NodeLog.started(node, clock, begin, started);
  }

  /**
   * Under the lifecycle lock: the node runs (its {@code run()} calls started) if every daemon was
   * prepared and no stop or crash came meanwhile; else it is marked stopping. Returns the daemons
   * started, or null if the node does not run.
   */
  private static List<String> turnRunning(Node node, Clock clock, boolean allPrepared) {
    NodeStatus status = node.status();
    status.lock.lock();
    try {
      Node stopping = NodeTree.stoppingAncestor(node);
      if (stopping != null && !status.stopRequested && !status.crashed) {
        // e.g. a prepare() closed the parent
        NodeStop.markStopping(node, clock, "its parent " + stopping.name() + " stopping");
      }
      if (allPrepared && !status.stopRequested && !status.crashed) {
        status.state = NodeState.RUNNING;
        // named now: once the runs start, a failing one may stop the node (and empty prepared)
        // before the starting thread logs
        List<String> started = status.prepared().stream().map(Built::daemon).toList();
        DaemonCalls.runAll(node, clock);
        return started;
      }
      if (!status.crashed) {
        NodeStop.markStopping(
            node, clock, status.stopRequested ? status.stopOrigin() : "a failed start");
      }
      return null;
    } finally {
      status.lock.unlock();
    }
  }

  private static IllegalStateException notNew(Node node) {
    return new IllegalStateException("Expected " + node + " to be NEW, to start it");
  }

  /** Runs {@code buildForChildren()}; false (the error kept) if a construction failed. */
  private static boolean builtForChildren(Node node) {
    try {
      node.buildForChildren();
      return true;
    } catch (FactoryException e) {
      NodeTree.record(node, e);
      return false;
    } catch (NodeStoppingException cancelled) {
      return false; // a stop came first: start() reports it
    }
  }

  /** Seals and prepares; returns whether every daemon was prepared. */
  private static boolean prepareAll(Node node, Clock clock) {
    NodeStatus status = node.status();
    if (!node.core().seal(clock, node.gracePeriod())) {
      reportHungConstruction(node);
      return false;
    }
    List<Built> daemons = new ArrayList<>();
    for (Built built : node.core().builtInOrder()) {
      if (built.managed() && built.instance() instanceof Lifecycle) {
        daemons.add(built);
      }
    }
    PhaseCalls calls = new PhaseCalls(node, Phase.PREPARE, daemons, clock, node.gracePeriod(),
        () -> status.stopRequested || status.crashed);
    status.active = calls;
    calls.run();
    status.active = null;
    List<Built> completed = calls.completed();
    status.prepared = completed;
    status.startupTimes = calls.times();
    return completed.size() == daemons.size();
  }

  /** Reports the construction that kept start() from sealing the node, and interrupts it. */
  private static void reportHungConstruction(Node node) {
    FactoryCore core = node.core();
    Thread builder = core.constructor();
    String daemon = core.constructing();
    FactoryException hung = Call.report(node.name(), daemon == null ? "(unknown)" : daemon,
        Phase.CONSTRUCT, "its construction did not finish within " + node.gracePeriod()
            + " when start() sealed the node", builder, "do not block in constructors; wait for"
            + " peers or files in prepare().");
    if (builder != null) {
      builder.interrupt();
    }
    NodeTree.record(node, hung);
    NodeLog.hung(node, hung);
  }

  /**
   * Registers with the parent. A standalone node whose private ambient factory already failed
   * (an ambient daemon's {@code run()} threw as it started) throws that failure, not the refusal
   * it caused.
   */
  private static void adoptedBy(Node node) {
    try {
      NodeTree.adopt(node.parentNode(), node);
    } catch (NodeStoppingException refused) {
      if (node.ownsParent()) {
        NodeStatus status = node.status();
        status.adoptParentErrors();
        Optional<FactoryException> failure = status.errors.takeUnthrown();
        if (failure.isPresent()) {
          throw failure.get();
        }
      }
      throw refused;
    }
  }

  private static RuntimeException startFailure(Node node) {
    NodeStatus status = node.status();
    status.adoptParentErrors(); // a private ambient's failed daemon is why the start was cancelled
    Optional<FactoryException> failure = status.errors.takeUnthrown();
    if (failure.isPresent()) {
      return failure.get();
    }
    return new NodeStoppingException(node.name(), "The start of node \"" + node.name()
        + "\" was cancelled: " + status.stopOrigin() + " asked it to stop while it was starting;"
        + " the daemons already prepared were stopped, in reverse order.");
  }
}
