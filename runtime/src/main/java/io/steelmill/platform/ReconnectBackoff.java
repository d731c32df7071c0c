package io.steelmill.platform;

import java.time.Duration;

/**
 * How long a connection waits before it tries again a peer it could not reach: from 1 ms, doubling
 * with each failure up to a maximum, each wait drawn between half and all of its step ("equal
 * jitter"), so nodes that lost the same peer do not all knock at the same instant when it comes
 * back. The draw is a hash of the two nodes' names and the attempt, not a random number: the
 * same pair waits the same on every run (a test can rely on it), different pairs differ.
 */
final class ReconnectBackoff {
  private static final long FIRST_NANOS = 1_000_000;

  private final long maxNanos;
  private final long salt;
  private int failures;

  ReconnectBackoff(String self, String peer, Duration max) {
    this.maxNanos = max.toNanos();
    this.salt = (long) self.hashCode() << 32 ^ peer.hashCode() & 0xffffffffL;
  }

  /** Counts a failure; returns how long to wait before the next attempt, in nanoseconds. */
  long failed() {
    failures = Math.min(failures + 1, 62);
    return waitNanos(failures, maxNanos, salt);
  }

  /** The peer was reached: the next failure waits the shortest again. */
  void reached() {
    failures = 0;
  }

  /** Failures since the peer was last reached. */
  int failures() {
    return failures;
  }

  /** The wait after the {@code failure}-th failure in a row (from 1): in [step / 2, step]. */
  static long waitNanos(int failure, long maxNanos, long salt) {
    int doublings = Math.min(failure - 1, 40);
    long step = Math.min(maxNanos, FIRST_NANOS << doublings);
    long half = step / 2;
    long draw = mix(salt + failure) >>> 1; // not negative
    return step - half + draw % (half + 1);
  }

  /** SplitMix64's finalizer: a well-spread hash of a long. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
