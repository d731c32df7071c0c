package io.steelmill.platform;

import java.time.Duration;

/** An instant on a {@link Clock}'s monotonic time line, for timeouts that span several waits. */
public final class Deadline {
  private final Clock clock;
  private final long atNanos;

  Deadline(Clock clock, long atNanos) {
    this.clock = clock;
    this.atNanos = atNanos;
  }

  /** Time left, never negative. */
  public Duration remaining() {
    // differences, not comparisons: a monotonic clock's origin is arbitrary and may be near
    // the end of a long's range, where a deadline past it wraps
    return Duration.ofNanos(Math.max(0, atNanos - clock.monotonicNanos()));
  }

  public boolean isExpired() {
    return clock.monotonicNanos() - atNanos >= 0;
  }
}
