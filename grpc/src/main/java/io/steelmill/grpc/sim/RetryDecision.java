package io.steelmill.grpc.sim;

import io.grpc.Metadata;
import io.grpc.Status;
import io.steelmill.grpc.RetryPolicy;
import io.steelmill.sim.SplitMix64;
import java.util.concurrent.TimeUnit;

/**
 * Whether and when a call retries after an attempt that reached a server and failed, by the
 * rules of grpc-java's retrying stream: its {@link RetryPolicy} (a retryable status, backoff with
 * jitter from the seed, growing by the multiplier up to the cap), the channel's {@link
 * RetryBucket} if the service config throttles retries, and the server's pushback ({@code
 * grpc-retry-pushback-ms} in the trailers, its last value if repeated): a number of milliseconds
 * from 0 up waits exactly that long (also after a status the policy would not retry) and starts
 * the backoff over; a negative or malformed one (not a whole number that fits an {@code int})
 * stops the retries.
 */
final class RetryDecision {
  /** The trailer a server asks for a later retry, or none, with. */
  static final Metadata.Key<String> PUSHBACK =
      Metadata.Key.of("grpc-retry-pushback-ms", Metadata.ASCII_STRING_MARSHALLER);
  /** No retry. */
  static final long NONE = -1;

  private final RetryPolicy policy;
  private long nextBackoffNanos;

  /** The decisions of one call under {@code policy}, which may be null (no retries). */
  RetryDecision(RetryPolicy policy) {
    this.policy = policy;
    this.nextBackoffNanos = policy == null ? 0 : policy.initialBackoffNanos();
  }

  /**
   * Nanoseconds to wait before the next attempt, or {@link #NONE}.
   *
   * @param attempts the attempts made so far (counted ones)
   * @param bucket the channel's throttle, or null
   * @param jitter the stream the backoff's jitter comes from (drawn only for a backoff)
   */
  long after(Status status, Metadata trailers, int attempts, RetryBucket bucket,
      SplitMix64 jitter) {
    if (policy == null) {
      return NONE;
    }
    boolean retryable = policy.retryableStatusCodes().contains(status.getCode());
    Integer pushback = pushbackMillis(trailers);
    boolean throttled = bucket != null && (retryable || (pushback != null && pushback < 0))
        && !bucket.failedAndStillAllowed();
    if (throttled || attempts >= policy.maxAttempts()) {
      return NONE;
    }
    if (pushback != null) {
      if (pushback < 0) {
        return NONE;
      }
      nextBackoffNanos = policy.initialBackoffNanos();
      return TimeUnit.MILLISECONDS.toNanos(pushback);
    }
    if (!retryable) {
      return NONE;
    }
    long wait = (long) (nextBackoffNanos * jitter.nextDouble());
    nextBackoffNanos = Math.min((long) (nextBackoffNanos * policy.backoffMultiplier()),
        policy.maxBackoffNanos());
    return wait;
  }

  /** The server's pushback in milliseconds, -1 if malformed, or null if it sent none. */
  static Integer pushbackMillis(Metadata trailers) {
    String text = trailers == null ? null : trailers.get(PUSHBACK);
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException malformed) {
      return -1;
    }
  }
}
