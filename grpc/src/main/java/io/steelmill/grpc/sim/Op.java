package io.steelmill.grpc.sim;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * One step of a call on a simulated connection, as HTTP/2 frames carry it over TCP. Metadata is
 * copied when an op is made, so neither end shares a mutable object with the other.
 */
record Op(Kind kind, long call, String method, Metadata metadata, byte[] bytes, long number,
    Status status) {
  enum Kind {
    /** Client: a call starts ({@code method}, headers, {@code number}: timeout nanos or -1). */
    OPEN,
    /** Either side: a message of the call. */
    MESSAGE,
    /** Client: no more messages. */
    HALF_CLOSE,
    /** Client: the call is cancelled ({@code status}). */
    CANCEL,
    /** Server: response headers. */
    HEADERS,
    /** Server: the call ends with {@code status} and trailers. */
    CLOSE,
    /** Client: keepalive; the peer's acknowledgement is the answer. */
    PING,
    /**
     * Server: it goes away (its node stops serving), as HTTP/2's GOAWAY: calls after {@code
     * number} (the last it opened) never reached it; the connection takes no new call.
     */
    GOAWAY,
    /** Server: the call is refused unopened, as HTTP/2's REFUSED_STREAM ({@code status}). */
    REFUSE
  }

  static Op open(long call, String method, Metadata headers, long timeoutNanos) {
    return new Op(Kind.OPEN, call, method, copy(headers), null, timeoutNanos, null);
  }

  static Op message(long call, byte[] bytes) {
    return new Op(Kind.MESSAGE, call, null, null, bytes, 0, null);
  }

  static Op halfClose(long call) {
    return new Op(Kind.HALF_CLOSE, call, null, null, null, 0, null);
  }

  static Op cancel(long call, Status status) {
    return new Op(Kind.CANCEL, call, null, null, null, 0, status);
  }

  static Op headers(long call, Metadata headers) {
    return new Op(Kind.HEADERS, call, null, copy(headers), null, 0, null);
  }

  static Op close(long call, Status status, Metadata trailers) {
    return new Op(Kind.CLOSE, call, null, copy(trailers), null, 0, status);
  }

  static Op goAway(long lastCall) {
    return new Op(Kind.GOAWAY, 0, null, null, null, lastCall, null);
  }

  static Op refuse(long call, Status status) {
    return new Op(Kind.REFUSE, call, null, null, null, 0, status);
  }

  static Op ping() {
    return new Op(Kind.PING, 0, null, null, null, 0, null);
  }

  static Metadata copy(Metadata metadata) {
    Metadata copy = new Metadata();
    if (metadata != null) {
      copy.merge(metadata);
    }
    return copy;
  }

  @Override
  public String toString() {
    return kind + " call " + call;
  }
}
