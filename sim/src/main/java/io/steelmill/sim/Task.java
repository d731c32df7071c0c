package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import io.steelmill.runtime.internal.NodeContext;

/**
 * A simulated task: one virtual thread on the kernel's scheduler, with a deterministic id and the
 * node it works for, given when it was created (see {@link Simulation#spawn(NodeId, String,
 * Runnable)}), else the node whose code started it ({@link #nodeOfChild}).
 */
final class Task {
  final int id;
  final Thread thread;
  final NodeId node;
  final Runnable continuation;
  /** Set when its node crashed: every primitive it touches throws {@link NodeCrashed}. */
  boolean killed;
  /** The timer of its waits' timeouts, armed again for each (see {@link Timers#wake}). */
  Timer waitTimer;
  /** Whether a wait of this task is using {@link #waitTimer} now. */
  boolean waitTimerArmed;

  Task(int id, Thread thread, NodeId node, Runnable continuation) {
    this.id = id;
    this.thread = thread;
    this.node = node;
    this.continuation = continuation;
  }

  /**
   * The node of a thread that {@code parent} (null: the carrier) starts without naming one: the
   * node whose code starts it, which is the node a construction or lifecycle call runs for (its
   * {@code NodeContext}: a node is built and started on another node's task, or the main task's),
   * else the starting task's own node.
   */
  static NodeId nodeOfChild(Task parent) {
    if (parent == null) {
      return NodeId.NONE;
    }
    String context = Thread.currentThread() == parent.thread
        ? NodeContext.current() : null;
    return context == null || context.equals(parent.node.name()) ? parent.node
        : NodeId.of(context);
  }

  String name() {
    return thread == null ? "task-" + id : thread.getName();
  }

  @Override
  public String toString() {
    return "#" + id + " " + name();
  }
}
