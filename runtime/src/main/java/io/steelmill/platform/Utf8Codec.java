package io.steelmill.platform;

import java.nio.charset.StandardCharsets;

/** {@link Codec#utf8()}: one instance, whose encode returns a new array each time. */
final class Utf8Codec implements Codec<String> {
  static final Utf8Codec INSTANCE = new Utf8Codec();

  private Utf8Codec() {}

  @Override
  public byte[] encode(String message) {
    return message.getBytes(StandardCharsets.UTF_8); // a new array, as String.getBytes promises
  }

  @Override
  public String decode(byte[] frame) {
    return new String(frame, StandardCharsets.UTF_8);
  }
}
