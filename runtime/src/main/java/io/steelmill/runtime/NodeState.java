package io.steelmill.runtime;

/**
 * The states of a {@link Node}, in the only order in which they can follow one another (a node
 * may skip states, never go back): Guava's {@code Service.State} applied to a whole node.
 */
public enum NodeState {
  /** Created; daemons are built on request. */
  NEW,
  /** Sealed; its daemons are being prepared. */
  STARTING,
  /** Every daemon prepared and its {@code run()} started. */
  RUNNING,
  /** {@code stop()} calls under way, or waiting for {@code run()} calls to return. */
  STOPPING,
  /** Stopped cleanly. */
  TERMINATED,
  /** Stopped, with at least one error; {@link Node#failure()} has it. */
  FAILED
}
