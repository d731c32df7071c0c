package io.steelmill.grpc.sim;

/**
 * How far a failed attempt of a call got, as grpc-java's {@code RpcProgress}: it decides whether
 * the channel retries the call transparently (without counting it against a retry policy).
 */
enum Progress {
  /** It may have reached the server's application: only a retry policy may retry it. */
  PROCESSED,
  /** The server refused it unopened (HTTP/2 REFUSED_STREAM): retried transparently once. */
  REFUSED,
  /**
   * It reached the server's transport but not its application, which went away (GOAWAY):
   * retried transparently, up to {@link RetryingCall#MAX_LOCAL_RETRIES} times.
   */
  MISCARRIED,
  /**
   * It never left the client: its connection failed before the server first answered. A
   * {@code waitForReady} call waits for the next connection; any other fails as {@link
   * #PROCESSED} (grpc-java fails a fail-fast call in TRANSIENT_FAILURE that way).
   */
  UNSENT,
  /**
   * It never left the client: the target node has no known address (it never served gRPC and
   * the configuration does not list it). A {@code waitForReady} call waits until it has one;
   * any other fails as {@link #PROCESSED}, as grpc-java fails a call its name resolver failed.
   */
  UNRESOLVED
}
