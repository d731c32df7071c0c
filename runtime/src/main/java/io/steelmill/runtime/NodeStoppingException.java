package io.steelmill.runtime;

import java.util.concurrent.CancellationException;

/**
 * A request cancelled because its node is stopping or stopped: a daemon looked up or built after
 * {@code stop()} began, an {@code inject} into a stopping node, or a {@code start()} that a
 * concurrent {@code stop()} (or a daemon's own, from {@code prepare()}) cut short. It is a
 * cancellation, not a daemon's failure: nothing is broken, the node is going away, and retrying
 * on the same node cannot succeed. Daemons may throw it too, for calls that arrive while they
 * quiesce.
 */
public final class NodeStoppingException extends CancellationException {
  private static final long serialVersionUID = 1L;

  private final String node;

  /** A cancellation on node {@code node}; {@code message} says what was refused and why. */
  public NodeStoppingException(String node, String message) {
    super(message);
    this.node = node;
  }

  /** The name of the node that is stopping. */
  public String node() {
    return node;
  }
}
