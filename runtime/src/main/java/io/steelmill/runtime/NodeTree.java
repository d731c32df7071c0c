package io.steelmill.runtime;

import io.steelmill.platform.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The tree of nodes: an ambient factory is the root, each host node its child, and a factory that
 * names a parent factory makes children of a host (one per held lease or plugin). Here are the
 * rules that cross it: a child registers with its running parent when it starts (starting a
 * {@code NEW} root first), an error is kept by the node and every ancestor, and a stop asked of
 * an ancestor reaches the children.
 *
 * <p>It also knows which threads are a node's own (its helpers, runners and stopper): called from
 * one of them, {@code stop()} and {@code close()} must not wait for the node, which would wait
 * for the calling thread.
 */
final class NodeTree {
  /** The node whose lifecycle code the current thread runs: daemon, helper and stopper threads. */
  private static final ThreadLocal<Node> OWNER = new ThreadLocal<>();

  private NodeTree() {}

  /** Marks the calling thread as one of {@code node}'s own (a helper, a runner, the stopper). */
  static void ownThread(Node node) {
    OWNER.set(node);
  }

  /** Whether the current thread is a daemon, helper or stopper thread of {@code node} or kin. */
  static boolean isOwnThread(Node node) {
    for (Node owner = OWNER.get(); owner != null; owner = owner.parentNode()) {
      if (owner == node) {
        return true;
      }
    }
    return false;
  }

  static Node root(Node node) {
    Node root = node;
    while (root.parentNode() != null) {
      root = root.parentNode();
    }
    return root;
  }

  /**
   * The nearest ancestor of {@code node} asked to stop, or null. Its stopper asks {@code node} to
   * stop too, but on its own thread and maybe only after {@code node}'s start() has finished
   * preparing: a start that ends now must not call the node running.
   */
  static Node stoppingAncestor(Node node) {
    for (Node up = node.parentNode(); up != null; up = up.parentNode()) {
      if (up.isStopRequested()) {
        return up;
      }
    }
    return null;
  }

  /** Keeps {@code error} in {@code node} and in every ancestor, once each. */
  static void record(Node node, FactoryException error) {
    for (Node up = node; up != null && up.status().errors.add(error); up = up.parentNode()) {
      // an ancestor that has it already has its ancestors informed too
    }
  }

  /**
   * Registers the starting {@code child} with {@code parent}; starts the parent first if it is a
   * {@code NEW} root (an ambient factory).
   *
   * @throws NodeStoppingException if the parent is stopping
   * @throws IllegalStateException if the parent is not running
   */
  static void adopt(Node parent, Node child) {
    if (parent.state() == NodeState.NEW && parent.parentNode() == null) {
      try {
        parent.start();
      } catch (IllegalStateException raced) {
        // another child started it concurrently; checked below
      }
    }
    NodeStatus status = parent.status();
    if (status.state() == NodeState.STARTING) { // another child is starting it: wait, bounded
      Clock clock = parent.clock();
      long deadline =
          clock.monotonicNanos() + parent.gracePeriod().toNanos() + parent.margin().toNanos();
      status.awaitUntil(clock, () -> status.state() != NodeState.STARTING, deadline, false);
    }
    status.children.add(child, () -> {
      if (status.stopRequested) {
        throw new NodeStoppingException(parent.name(), "Cannot start " + child.name()
            + ": its parent " + parent + " is stopping.");
      }
      if (status.state() != NodeState.RUNNING) {
        throw new IllegalStateException(
            "Expected " + parent + " to be RUNNING, to start its child " + child.name());
      }
    });
  }

  /** Forgets {@code child}, which ended. */
  static void release(Node parent, Node child) {
    NodeStatus status = parent.statusOrNull();
    if (status != null) {
      status.children.remove(child);
    }
  }

  /** {@code node}'s running children, in the order they started (a copy). */
  static List<Node> children(Node node) {
    NodeStatus status = node.statusOrNull(); // null: no child was ever adopted
    return status == null ? new ArrayList<>() : status.children.snapshot();
  }
}
