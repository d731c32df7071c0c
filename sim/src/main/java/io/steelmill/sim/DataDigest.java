package io.steelmill.sim;

import io.steelmill.platform.Codec;
import java.util.zip.CRC32C;

/**
 * Digests of the data a run produces, for the trace: the schedule alone does not show a value
 * that is not the seed's (a wall-clock read sent in a message, written to disk), the data does.
 * CRC32C (a CPU instruction on current hardware) with the length: cheap, and a digest is enough
 * to tell two runs apart; it is not a security hash.
 */
final class DataDigest {
  private DataDigest() {}

  /** The one codec known to encode into a new array each time: its bytes need no copy. */
  private static final Codec<String> UTF8 = Codec.utf8();

  /** The digest of {@code length} bytes of {@code bytes} from {@code offset}. */
  static long of(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (crc.getValue() << 32) ^ (length & 0xffffffffL);
  }

  /**
   * A message as production's network would frame it: a copy of what {@code codec} encodes at
   * this moment (a codec may hand back an array the message still holds, such as an identity
   * codec of {@code byte[]}, which production copies into its frame at once). Null when the codec
   * cannot encode it (a test's partial codec, the simulated gRPC transport's frames): such a
   * message is passed as it is, and must then be immutable.
   */
  static <M> byte[] wire(Codec<M> codec, M message) {
    if (codec == null || message == null) {
      return null;
    }
    try {
      byte[] bytes = codec.encode(message);
      return bytes == null || codec == UTF8 ? bytes : bytes.clone();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The digest of a message by its {@link #wire} bytes: what would cross a real network. Without
   * them (a codec that cannot encode it), the message's class is its digest, so the trace stays
   * deterministic; the real network would fail that send.
   */
  static <M> long ofMessage(Codec<M> codec, M message, byte[] wire) {
    if (codec == null || message == null) {
      return 0;
    }
    if (wire != null) {
      return of(wire, 0, wire.length);
    }
    byte[] type = message.getClass().getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return of(type, 0, type.length) ^ 0x5a5a5a5aL;
  }
}
