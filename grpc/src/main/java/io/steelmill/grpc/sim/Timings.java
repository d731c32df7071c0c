package io.steelmill.grpc.sim;

import io.steelmill.grpc.GrpcConfig;
import java.time.Duration;

/**
 * The connection timings of the simulated transport: those of the factory's {@code
 * GrpcConfig.GrpcTimings} (connect timeout, keepalive time and timeout; its defaults when there
 * is none), and TCP's retransmission timeout.
 */
record Timings(long connectNanos, long keepAliveNanos, long keepAliveTimeoutNanos,
    long retransmitNanos, int maxUnacked, int maxBuffered) {
  /**
   * gRPC's default largest inbound message: a bigger request ends its call on the server, a
   * bigger response (or one beyond the call's {@code maxInboundMessageSize}) on the client, with
   * {@code RESOURCE_EXHAUSTED}, as grpc-java does.
   */
  static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  /** The timings of {@code config}, with TCP's retransmission timeout and the default budgets. */
  static Timings of(GrpcConfig.GrpcTimings config) {
    return new Timings(config.connectTimeout().toNanos(), config.keepAliveTime().toNanos(),
        config.keepAliveTimeout().toNanos(), DEFAULT.retransmitNanos(), DEFAULT.maxUnacked(),
        DEFAULT.maxBuffered());
  }

  static final Timings DEFAULT = new Timings(Duration.ofSeconds(2).toNanos(),
      Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(5).toNanos(),
      Duration.ofMillis(200).toNanos(), 10_000, 10_000);
}
