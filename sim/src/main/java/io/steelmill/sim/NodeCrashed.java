package io.steelmill.sim;

/**
 * Thrown by every simulation primitive to a task of a crashed node, so that it unwinds without
 * sending, writing or sleeping. An {@link Error}, so that {@code catch (Exception e)} in daemon
 * code does not keep a dead machine's code running.
 */
public final class NodeCrashed extends Error {
  private static final long serialVersionUID = 1L;

  NodeCrashed(String node) {
    super("node " + node + " crashed", null, false, false);
  }
}
