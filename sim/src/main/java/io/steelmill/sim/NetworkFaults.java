package io.steelmill.sim;

import java.time.Duration;

/**
 * How the simulated network treats messages on a link: delay range, drop and duplicate
 * probabilities. Reordering follows from random delays. Mutable, set from the test or a nemesis.
 */
public final class NetworkFaults {
  long minDelayNanos = Duration.ofMillis(1).toNanos() / 10;
  long maxDelayNanos = Duration.ofMillis(2).toNanos();
  double drop;
  double duplicate;

  NetworkFaults() {}

  NetworkFaults copy() {
    NetworkFaults copy = new NetworkFaults();
    copy.minDelayNanos = minDelayNanos;
    copy.maxDelayNanos = maxDelayNanos;
    copy.drop = drop;
    copy.duplicate = duplicate;
    return copy;
  }

  /** Each message takes between {@code min} and {@code max}, uniformly. */
  public NetworkFaults delay(Duration min, Duration max) {
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max delay " + max + " below min " + min);
    }
    this.minDelayNanos = min.toNanos();
    this.maxDelayNanos = max.toNanos();
    return this;
  }

  /** Each message is lost with probability {@code p}. */
  public NetworkFaults drop(double p) {
    this.drop = p;
    return this;
  }

  /** Each message is delivered twice with probability {@code p}. */
  public NetworkFaults duplicate(double p) {
    this.duplicate = p;
    return this;
  }

  @Override
  public String toString() {
    return "delay " + Duration.ofNanos(minDelayNanos) + ".." + Duration.ofNanos(maxDelayNanos)
        + ", drop " + drop + ", duplicate " + duplicate;
  }
}
