package io.steelmill.zookeeper;

import java.util.concurrent.TimeUnit;
import org.apache.curator.RetryPolicy;
import org.apache.curator.RetrySleeper;

/**
 * Curator's retry policy for the lease service: exponential backoff from 100 ms, each sleep at
 * most a second, and no retry past the deadline the calling thread set with {@link #until} (a
 * lease request's {@code maxWait}). Curator's own {@code ExponentialBackoffRetry(100, 10)} could
 * sleep for minutes in one retry, so a request whose connection dropped ran far past its wait.
 * Background operations (the release of a lease) have no deadline and retry ten times.
 */
final class BoundedRetry implements RetryPolicy {
  private static final int RETRIES = 10;
  private static final long MAX_SLEEP_MS = 1_000;
  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

  /** Sets the calling thread's deadline (a {@code System.nanoTime()} value) until {@code close}. */
  static AutoCloseable until(long deadlineNanos) {
    DEADLINE.set(deadlineNanos);
    return DEADLINE::remove;
  }

  @Override
  public boolean allowRetry(int retryCount, long elapsedTimeMs, RetrySleeper sleeper) {
    Long deadline = DEADLINE.get();
    long sleep = Math.min(MAX_SLEEP_MS, 100L << Math.min(retryCount, 10));
    if (deadline != null) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      sleep = Math.min(sleep, left);
    } else if (retryCount >= RETRIES) {
      return false;
    }
    try {
      sleeper.sleepFor(sleep, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
