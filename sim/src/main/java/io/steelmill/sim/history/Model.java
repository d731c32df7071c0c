package io.steelmill.sim.history;

/**
 * A sequential specification: what an object does when operations run one at a time. Plain
 * Java: {@link #step} takes a state and an operation and gives the next state, or {@link
 * #ILLEGAL} when the operation cannot happen in that state (a read of the wrong value, a
 * successful cas whose expected value differs). States must be immutable with value equality
 * ({@code equals}/{@code hashCode}): the checker caches (linearized operations, state) pairs.
 *
 * <p>Values arrive as a history file reads them, whether the history was recorded in memory or
 * read from EDN, so a check gives one verdict either way: {@code nil} is null, a whole number a
 * {@code Long} (a recorded {@code Integer}, {@code Short} or {@code Byte} too; a {@code
 * BigInteger} only beyond a long), a decimal a {@code Double} (a {@code Float} the {@code Double}
 * of its text; {@code M} decimals a {@code BigDecimal} without trailing zeros), a string a
 * {@code String}, a keyword a {@link Keyword}, a vector, list or array a {@code List}, a set a
 * {@code Set}, a map a {@code Map}. Cast to {@code Long} or {@code Number}, never {@code
 * Integer}; a model that throws names its operation in an {@code IllegalStateException}. The
 * states {@link #initial} and {@link #step} return are made the same way before the checker
 * keeps them or hands them back: a model written with {@code Integer}s ({@code initial()}
 * returning {@code 0}) gets its state back as a {@code Long}, which {@code equals} a read of
 * {@code 0}. Objects of a model's own classes are kept as they are. {@link #sameValue} compares
 * two values as Jepsen's checkers do ({@code -0.0} is {@code 0.0}, NaN equals nothing).
 */
public interface Model {
  /** Returned by {@link #step} when the operation cannot happen in the given state. */
  Object ILLEGAL = new Object() {
    @Override
    public String toString() {
      return "ILLEGAL";
    }
  };

  /**
   * True when {@code a} and {@code b} are the same value as Knossos and Porcupine compare values:
   * {@code equals}, except that {@code -0.0} is {@code 0.0} and a value holding a NaN, at any
   * depth, is the same as nothing (what the built-in models use); an {@code Integer} is the
   * {@code Long} of its value, as everywhere above.
   */
  static boolean sameValue(Object a, Object b) {
    return Values.same(Values.asRead(a), Values.asRead(b));
  }

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

  /**
   * True when {@code op} replaces the whole state with its input whatever the state was (a
   * register's write, a put). Such an operation with an unknown outcome whose value no other
   * operation of its partition {@linkplain #observes observes} can be left out: placing it
   * nowhere is always allowed, and no operation could tell whether it happened. The checker then
   * drops it, which keeps the search small for histories with many timed-out writes.
   */
  default boolean overwrites(Operation op) {
    return false;
  }

  /**
   * The state values whose presence {@code op} can observe (a read's output, a compare-and-set's
   * expected value), or null when it may observe any (an append reads the whole state). Only
   * consulted for models with {@linkplain #overwrites overwriting} operations.
   */
  default java.util.List<Object> observes(Operation op) {
    return null;
  }
}
