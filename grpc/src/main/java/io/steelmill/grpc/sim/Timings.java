package io.steelmill.grpc.sim;

import io.steelmill.grpc.GrpcConfig;
import java.time.Duration;

/**
 * The connection timings of the simulated transport: those of the factory's {@code
 * GrpcConfig.GrpcTimings} (connect timeout, keepalive time and timeout; its defaults when there
 * is none), and TCP's retransmission timeout; and its budgets: frames unacknowledged, frames and
 * requests buffered, and calls under way on one connection (a server refuses a call beyond it,
 * as HTTP/2's REFUSED_STREAM).
 */
record Timings(long connectNanos, long keepAliveNanos, long keepAliveTimeoutNanos,
    long retransmitNanos, int maxUnacked, int maxBuffered, int maxCalls) {
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
        DEFAULT.maxBuffered(), DEFAULT.maxCalls());
  }

  /** These timings with another budget of calls per connection. */
  Timings withMaxCalls(int calls) {
    return new Timings(connectNanos, keepAliveNanos, keepAliveTimeoutNanos, retransmitNanos,
        maxUnacked, maxBuffered, calls);
  }

  static final Timings DEFAULT = new Timings(Duration.ofSeconds(2).toNanos(),
      Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(5).toNanos(),
      Duration.ofMillis(200).toNanos(), 10_000, 10_000, 10_000);
}
