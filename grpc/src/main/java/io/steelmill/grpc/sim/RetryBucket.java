package io.steelmill.grpc.sim;

import io.steelmill.grpc.RetryThrottling;

/**
 * One channel's retry throttle (a node's calls to one server node), as grpc-java's: a bucket of
 * tokens, in thousandths, that starts full; a failed attempt that would qualify for a retry (a
 * retryable status, or a pushback that says not to retry) takes a token, and the call may retry
 * only while more than half the bucket is left; a call answered with headers puts back {@code
 * tokenRatio}. A node that crashes starts again with a full bucket, as a restarted process does.
 */
final class RetryBucket {
  private static final int TOKEN = 1000;

  private final RetryThrottling settings;
  private int tokens;

  RetryBucket(RetryThrottling settings) {
    this.settings = settings;
    this.tokens = settings.maxTokens();
  }

  /** Takes a token for a qualified failure; whether a retry is still allowed. */
  boolean failedAndStillAllowed() {
    if (tokens == 0) {
      return false;
    }
    int left = tokens - TOKEN;
    tokens = Math.max(left, 0);
    return left > settings.threshold();
  }

  /** A call was answered (its response headers came): tokens back, up to the bucket's size. */
  void succeeded() {
    tokens = (int) Math.min((long) tokens + settings.tokenRatio(), settings.maxTokens());
  }

  /** The tokens in the bucket, in thousandths. */
  int tokens() {
    return tokens;
  }
}
