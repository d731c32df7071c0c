package io.steelmill.grpc;

import java.util.Map;

/**
 * A service config's {@code retryThrottling} ({@code maxTokens}, {@code tokenRatio}), read as
 * grpc-java reads it: both in thousandths of a token (grpc-java keeps three decimals, through a
 * {@code float}), so the simulated channel's bucket counts exactly as the production one does.
 * {@link GrpcConfig#withServiceConfig} checks it, so a malformed one fails when configured, in a
 * line naming the field, instead of at the first channel (production) or never (simulation).
 *
 * @param maxTokens the bucket's size, and its content at first: 1000 per token
 * @param tokenRatio what a call answered with headers puts back: 1000 per token
 */
public record RetryThrottling(int maxTokens, int tokenRatio) {
  /** The gRPC specification's largest {@code maxTokens}. */
  static final double MAX_TOKENS_LIMIT = 1000;
  private static final int THOUSANDTHS = 1000;

  /** A failed attempt's retry is throttled once the bucket holds no more than this. */
  public int threshold() {
    return maxTokens / 2;
  }

  /**
   * The {@code retryThrottling} of {@code serviceConfig} (grpc-java's map form), or null when it
   * has none.
   *
   * @throws IllegalArgumentException in one line naming the field when it is malformed
   */
  public static RetryThrottling of(Map<String, ?> serviceConfig) {
    Object throttling = serviceConfig == null ? null : serviceConfig.get("retryThrottling");
    if (throttling == null) {
      return null;
    }
    if (!(throttling instanceof Map<?, ?> fields)) {
      throw new IllegalArgumentException("retryThrottling must be an object with maxTokens and"
          + " tokenRatio, not " + describe(throttling));
    }
    double maxTokens = number(fields, "maxTokens");
    double tokenRatio = number(fields, "tokenRatio");
    if (maxTokens <= 0 || maxTokens > MAX_TOKENS_LIMIT) {
      throw new IllegalArgumentException("retryThrottling.maxTokens must be in (0, 1000], not "
          + maxTokens);
    }
    int max = thousandths(maxTokens);
    int ratio = thousandths(tokenRatio);
    if (ratio <= 0) {
      throw new IllegalArgumentException("retryThrottling.tokenRatio must be at least 0.001 (gRPC"
          + " keeps three decimals), not " + tokenRatio);
    }
    if (ratio > max) {
      throw new IllegalArgumentException("retryThrottling.tokenRatio " + tokenRatio + " exceeds"
          + " maxTokens " + maxTokens + ": one success cannot refill more than the bucket");
    }
    return new RetryThrottling(max, ratio);
  }

  /** As grpc-java converts it: through a float, truncated to thousandths. */
  private static int thousandths(double value) {
    return (int) ((float) value * THOUSANDTHS);
  }

  private static double number(Map<?, ?> fields, String name) {
    Object value = fields.get(name);
    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
      throw new IllegalArgumentException("retryThrottling." + name + " must be a finite number,"
          + " not " + describe(value));
    }
    return number.doubleValue();
  }

  private static String describe(Object value) {
    if (value == null) {
      return "missing";
    }
    String text = String.valueOf(value).replaceAll("\\s+", " ");
    return value instanceof String ? "\"" + text + "\"" : text;
  }
}
