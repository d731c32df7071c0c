package io.steelmill.runtime.internal;

/**
 * The node whose code the current thread runs: set by {@code Node} around every lifecycle call
 * and on daemon threads, read by platform bindings that act on behalf of "this node" (binding a
 * network endpoint in {@code prepare()}, for example).
 */
public final class NodeContext {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private NodeContext() {}

  /** The current node's name, or null outside any node's code. */
  public static String current() {
    return CURRENT.get();
  }

  /** Sets the current node, returning the previous one for {@link #restore}. */
  public static String enter(String node) {
    String previous = CURRENT.get();
    CURRENT.set(node);
    return previous;
  }

  public static void restore(String previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
