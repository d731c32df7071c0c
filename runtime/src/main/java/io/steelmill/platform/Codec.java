package io.steelmill.platform;

import java.nio.charset.StandardCharsets;

/**
 * How messages of one type cross a network. Both networks deliver what was sent at send time:
 * the TCP network frames {@link #encode} output at once, and the simulated one keeps a copy of it
 * and delivers what the receiver's codec decodes from that copy, so a sender that changes a
 * message after sending it changes nothing its receiver gets, and every copy is an object of its
 * own. Only a message that its codec cannot encode (it throws) is passed by the simulated network
 * as it is, and must then be immutable; the TCP network would fail its send.
 */
public interface Codec<M> {
  byte[] encode(M message);

  /** Decodes a frame; throws {@link IllegalArgumentException} for a malformed one. */
  M decode(byte[] frame);

  /** UTF-8 strings. */
  static Codec<String> utf8() {
    return new Codec<>() {
      @Override
      public byte[] encode(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public String decode(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
      }
    };
  }
}
