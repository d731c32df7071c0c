package io.steelmill.platform;

import java.nio.charset.StandardCharsets;

/**
 * How messages of one type cross a real network. The simulated network passes the objects
 * themselves (so messages must be immutable); the TCP network frames {@link #encode} output.
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
