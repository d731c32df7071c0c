package io.steelmill.platform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The TCP frame: {@code int length}, then the target service, the sender's node and service
 * (modified UTF-8), the request id and the id of the request it answers (longs, 0 for none),
 * then the payload. Anything that does not parse is malformed.
 */
final class Frames {
  /** Frames above this size are malformed: protects a node from a peer sending garbage. */
  static final int MAX_FRAME = 16 * 1024 * 1024;

  record Decoded(String service, Address from, long requestId, long replyTo, byte[] payload) {}

  private Frames() {}

  static byte[] encode(String service, Address from, long requestId, long replyTo, byte[] payload) {
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + 64);
      DataOutputStream out = new DataOutputStream(body);
      out.writeUTF(service);
      out.writeUTF(from.node());
      out.writeUTF(from.service());
      out.writeLong(requestId);
      out.writeLong(replyTo);
      out.write(payload);
      byte[] bytes = body.toByteArray();
      ByteArrayOutputStream framed = new ByteArrayOutputStream(bytes.length + 4);
      new DataOutputStream(framed).writeInt(bytes.length);
      framed.write(bytes);
      return framed.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a frame body (without its length). */
  static Decoded decode(byte[] body) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
      String service = in.readUTF();
      Address from = new Address(in.readUTF(), in.readUTF());
      long requestId = in.readLong();
      long replyTo = in.readLong();
      return new Decoded(service, from, requestId, replyTo, in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed frame: " + e.getMessage(), e);
    }
  }
}
