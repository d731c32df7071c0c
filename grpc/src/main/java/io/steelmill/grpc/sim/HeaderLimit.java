package io.steelmill.grpc.sim;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * The limit on a call's metadata that real gRPC enforces and the simulated transport did not:
 * HTTP/2 counts a header list as the sum of name, value and 32 bytes per field (RFC 7541,
 * section 4.1), and grpc-java's Netty transport refuses a list over 8 KiB (its default {@code
 * maxInboundMetadataSize}) with {@code INTERNAL}, on either side. Without the limit a service
 * whose headers or trailers grow (a token, a trace context, an error detail) passed every seed
 * and failed in production. The transport's own fields are counted as Netty sees them from
 * grpc-java (pseudo-headers, content type, user agent, timeout), so the boundary falls within a
 * few dozen bytes of production's; the parity test checks both sides of it by a margin.
 */
final class HeaderLimit {
  /** grpc-java's default maximum inbound metadata size, in HTTP/2 header list bytes. */
  static final int MAX_BYTES = 8192;

  /** The fields grpc-java adds to a request besides its path (method, scheme, te, ...). */
  private static final int REQUEST_FIELDS = 456;
  /** The fields of response headers ({@code :status}, content type, encodings). */
  static final int RESPONSE_FIELDS = 211;
  /** The {@code grpc-status} field of trailers. */
  private static final int TRAILER_FIELDS = 44;

  private HeaderLimit() {}

  /** The header list size of a request to {@code fullMethodName} carrying {@code headers}. */
  static long request(String fullMethodName, Metadata headers) {
    return REQUEST_FIELDS + fullMethodName.length() + size(headers);
  }

  /** The header list size of trailers closing with {@code status}. */
  static long trailers(Status status, Metadata trailers) {
    String message = status.getDescription();
    return TRAILER_FIELDS + (message == null ? 0 : 44 + message.length()) + size(trailers);
  }

  /** True when a header list of {@code bytes} is over the limit. */
  static boolean over(long bytes) {
    return bytes > MAX_BYTES;
  }

  /** How a call ends whose header list of {@code bytes} a peer refused, as over Netty. */
  static Status refused(String what, long bytes) {
    return Status.INTERNAL.withDescription("http2 exception: " + what + " of " + bytes
        + " bytes is over the peer's limit of " + MAX_BYTES + " (Fix: send less metadata)");
  }

  /** The HTTP/2 size of {@code metadata}'s fields; binary values count as their base64. */
  static long size(Metadata metadata) {
    if (metadata == null) {
      return 0;
    }
    long total = 0;
    for (String name : metadata.keys()) {
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value : metadata.getAll(
            Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER))) {
          total += name.length() + (value.length * 4L + 2) / 3 + 32;
        }
      } else {
        for (String value : metadata.getAll(
            Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))) {
          total += name.length() + value.length() + 32;
        }
      }
    }
    return total;
  }
}
