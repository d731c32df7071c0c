package io.steelmill.platform;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The TCP frame: {@code int length}, then the target service, the sender's node and service
 * (each a {@code short} length and UTF-8), the request id and the id of the request it answers
 * (longs, 0 for none), then the payload. Anything that does not parse, names that are not safe
 * ({@link Names}) and negative ids are malformed.
 */
final class Frames {
  /** The smallest body: three one-byte names with their lengths, and two ids. */
  static final int MIN_BODY = 3 * 3 + 16;

  record Decoded(String service, Address from, long requestId, long replyTo, byte[] payload) {}

  private Frames() {}

  static byte[] encode(String service, Address from, long requestId, long replyTo, byte[] payload) {
    try {
      ByteArrayOutputStream framed = new ByteArrayOutputStream(payload.length + 64);
      DataOutputStream out = new DataOutputStream(framed);
      out.writeInt(0); // the length, set below
      Handshake.writeName(out, service);
      Handshake.writeName(out, from.node());
      Handshake.writeName(out, from.service());
      out.writeLong(requestId);
      out.writeLong(replyTo);
      out.write(payload);
      byte[] bytes = framed.toByteArray();
      int length = bytes.length - 4;
      bytes[0] = (byte) (length >>> 24);
      bytes[1] = (byte) (length >>> 16);
      bytes[2] = (byte) (length >>> 8);
      bytes[3] = (byte) length;
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a frame body (without its length); an {@link IllegalArgumentException} if malformed. */
  static Decoded decode(byte[] body) {
    try {
      ByteArrayPosition in = new ByteArrayPosition(body);
      DataInputStream data = new DataInputStream(in);
      String service = Handshake.readName(data);
      Address from = new Address(Handshake.readName(data), Handshake.readName(data));
      long requestId = data.readLong();
      long replyTo = data.readLong();
      if (requestId < 0 || replyTo < 0 || requestId != 0 && replyTo != 0) {
        throw new IllegalArgumentException("malformed frame: request id " + requestId
            + ", reply to " + replyTo);
      }
      return new Decoded(service, from, requestId, replyTo,
          Arrays.copyOfRange(body, in.position(), body.length));
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed frame: " + e.getMessage(), e);
    }
  }

  /** A byte array stream that tells how far it has read. */
  private static final class ByteArrayPosition extends java.io.ByteArrayInputStream {
    ByteArrayPosition(byte[] bytes) {
      super(bytes);
    }

    int position() {
      return pos;
    }
  }
}
