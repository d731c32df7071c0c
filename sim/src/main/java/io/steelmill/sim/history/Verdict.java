package io.steelmill.sim.history;

/** The answer of a linearizability check. */
public enum Verdict {
  /** Some order of the operations, within their real-time bounds, satisfies the model. */
  LINEARIZABLE,
  /** No such order exists; the result's {@link Violation} shows the smallest part found. */
  NOT_LINEARIZABLE,
  /** The search ran out of time before deciding. */
  UNKNOWN
}
