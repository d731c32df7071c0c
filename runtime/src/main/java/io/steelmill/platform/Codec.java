package io.steelmill.platform;

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

  /**
   * UTF-8 strings. Always the same instance, whose {@link #encode} returns a new array each
   * time: the simulated network then keeps that array as it is instead of copying it.
   */
  static Codec<String> utf8() {
    return Utf8Codec.INSTANCE;
  }
}
