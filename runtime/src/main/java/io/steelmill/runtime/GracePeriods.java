package io.steelmill.runtime;

import java.time.Duration;

/**
 * The bounds of a node's grace period (see {@link Node#setGracePeriod}) and the margin a stop's
 * caller waits past it.
 *
 * <p>Why a class of its own: {@code Duration} (with {@code BigInteger}) is not loaded when a JVM
 * starts, and loading it cost a fresh JVM's first build about a millisecond; a node that keeps the
 * default grace period never loads this class, nor {@code Duration}, before it starts.
 */
final class GracePeriods {
  static final Duration DEFAULT = Duration.ofSeconds(30);
  static final Duration MAX_MARGIN = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofDays(1);

  private GracePeriods() {}

  /**
   * Checks {@code grace}, about to become the grace period of {@code node}.
   *
   * @throws IllegalArgumentException if {@code grace} is zero, negative, or more than a day
   * @throws NullPointerException if {@code grace} is null
   */
  static Duration check(Node node, Duration grace) {
    if (grace == null) {
      throw new NullPointerException(
          "The grace period of " + node + " cannot be null. Fix: pass a duration such as"
              + " Duration.ofSeconds(30).");
    }
    if (grace.isNegative() || grace.isZero() || grace.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          "The grace period must be positive and at most " + MAX + ", not " + grace
              + ". Fix: pass a duration such as Duration.ofSeconds(30).");
    }
    return grace;
  }

  /** How long a stop's caller waits past {@code grace}: {@code min(grace, 1s)}. */
  static Duration margin(Duration grace) {
    return grace.compareTo(MAX_MARGIN) < 0 ? grace : MAX_MARGIN;
  }
}
