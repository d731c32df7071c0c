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

  /** The digest of {@code length} bytes of {@code bytes} from {@code offset}. */
  static long of(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (crc.getValue() << 32) ^ (length & 0xffffffffL);
  }

  /**
   * The digest of a message as its codec encodes it: what would cross a real network. A codec
   * that cannot encode it (a test's partial codec) leaves the message's class as its digest, so
   * the trace stays deterministic; the real network would fail that send.
   */
  static <M> long ofMessage(Codec<M> codec, M message) {
    if (codec == null || message == null) {
      return 0;
    }
    byte[] bytes;
    try {
      bytes = codec.encode(message);
    } catch (RuntimeException e) {
      bytes = null;
    }
    if (bytes == null) {
      byte[] type = message.getClass().getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return of(type, 0, type.length) ^ 0x5a5a5a5aL;
    }
    return of(bytes, 0, bytes.length);
  }
}
