package io.steelmill.sim;

/**
 * Thrown by every simulation primitive to a task of a crashed node, so that it unwinds without
 * sending, writing or sleeping. An {@link Error}, so that {@code catch (Exception e)} in daemon
 * code does not keep a dead machine's code running. Its message is built when asked for: a crash
 * unwinds thousands of tasks in a sweep, and nobody reads most of them.
 */
public final class NodeCrashed extends Error {
  private static final long serialVersionUID = 1L;
  private final String node;

  NodeCrashed(String node) {
    super(null, null, false, false);
    this.node = node;
  }

  /** The crashed node's name. */
  public String node() {
    return node;
  }

  @Override
  public String getMessage() {
    return "node " + node + " crashed";
  }
}
