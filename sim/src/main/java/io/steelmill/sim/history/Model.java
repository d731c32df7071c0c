package io.steelmill.sim.history;

/**
 * A sequential specification: what an object does when operations run one at a time. Plain
 * Java: {@link #step} takes a state and an operation and gives the next state, or {@link
 * #ILLEGAL} when the operation cannot happen in that state (a read of the wrong value, a
 * successful cas whose expected value differs). States must be immutable with value equality
 * ({@code equals}/{@code hashCode}): the checker caches (linearized operations, state) pairs.
 */
public interface Model {
  /** Returned by {@link #step} when the operation cannot happen in the given state. */
  Object ILLEGAL = new Object() {
    @Override
    public String toString() {
      return "ILLEGAL";
    }
  };

  /** The model's name, e.g. {@code cas-register}. */
  String name();

  /** The state before any operation (may be null). */
  Object initial();

  /**
   * The state after {@code op} in {@code state}, or {@link #ILLEGAL}. When {@code op.optional()}
   * the output is unknown: accept any output, and return ILLEGAL only when the operation could
   * not take effect in this state at all.
   */
  Object step(Object state, Operation op);

  /** Null when {@code op} is well-formed for this model, else what is wrong with it. */
  String validate(Operation op);

  /** True when {@code op} never changes the state (a read); unknown reads are then dropped. */
  boolean readOnly(Operation op);

  /** Operations on different partitions are independent; null puts all in one partition. */
  default Object partition(Operation op) {
    return null;
  }

  /** A short description of an operation, e.g. {@code cas(1, 2) -> ok}. */
  String describe(Operation op);
}
