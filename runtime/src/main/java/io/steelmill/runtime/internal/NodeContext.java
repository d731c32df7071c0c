package io.steelmill.runtime.internal;

import io.steelmill.runtime.NodeId;

/**
 * The node whose code the current thread runs: set by {@code Node} around every construction and
 * lifecycle call and on the node's own threads, read by platform bindings that act on behalf of
 * "this node" (binding a network endpoint in {@code prepare()} or in a constructor, for example).
 * Held by name, as logs and the production bindings use it; {@link #currentId()} types it.
 */
public final class NodeContext {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private NodeContext() {}

  /** The current node's name, or null outside any node's code. */
  public static String current() {
    return CURRENT.get();
  }

  /** The current node, or null outside any node's code. */
  public static NodeId currentId() {
    String name = CURRENT.get();
    return name == null ? null : NodeId.of(name);
  }

  /** Sets the current node, returning the previous one for {@link #restore}. */
  public static String enter(String node) {
    String previous = CURRENT.get();
    CURRENT.set(node);
    return previous;
  }

  /** Sets the current node, returning the previous one's name for {@link #restore}. */
  public static String enter(NodeId node) {
    return enter(node.name());
  }

  public static void restore(String previous) {
    CURRENT.set(previous); // not remove(): the next enter() would allocate the thread's entry again
  }
}
