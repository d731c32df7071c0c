package io.steelmill.grpc;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The few DER encodings an X.509 certificate of the cluster needs (the JDK can sign and parse
 * certificates but has no public API to write one), and the one reading back a node's name.
 */
final class Der {
  private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private Der() {}

  static byte[] sequence(byte[]... parts) {
    return tagged(0x30, concat(parts));
  }

  static byte[] set(byte[]... parts) {
    return tagged(0x31, concat(parts));
  }

  static byte[] integer(BigInteger value) {
    return tagged(0x02, value.toByteArray());
  }

  static byte[] bool(boolean value) {
    return tagged(0x01, new byte[] {(byte) (value ? 0xff : 0)});
  }

  static byte[] octets(byte[] value) {
    return tagged(0x04, value);
  }

  static byte[] bits(byte[] value) {
    byte[] content = new byte[value.length + 1]; // no unused bits
    System.arraycopy(value, 0, content, 1, value.length);
    return tagged(0x03, content);
  }

  static byte[] utf8(String text) {
    return tagged(0x0c, text.getBytes(StandardCharsets.UTF_8));
  }

  /** GeneralizedTime, valid for every year (UTCTime ends in 2049). */
  static byte[] time(ZonedDateTime instant) {
    return tagged(0x18, GENERALIZED.format(instant.withZoneSameInstant(ZoneOffset.UTC))
        .getBytes(StandardCharsets.US_ASCII));
  }

  /** A context-specific constructed tag {@code [n]} around {@code content}. */
  static byte[] explicit(int n, byte[] content) {
    return tagged(0xa0 | n, content);
  }

  static byte[] oid(int... arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      int arc = arcs[i];
      int shift = 28;
      while (shift > 0 && (arc >>> shift) == 0) {
        shift -= 7;
      }
      for (; shift > 0; shift -= 7) {
        out.write(0x80 | ((arc >>> shift) & 0x7f));
      }
      out.write(arc & 0x7f);
    }
    return tagged(0x06, out.toByteArray());
  }

  /** The distinguished name {@code CN=name}. */
  static byte[] commonName(String name) {
    return sequence(set(sequence(oid(2, 5, 4, 3), utf8(name))));
  }

  /**
   * The common name of a distinguished name written by {@link #commonName}, or null for any
   * other shape (a certificate this cluster did not issue).
   */
  static String readCommonName(byte[] name) {
    byte[] cn = oid(2, 5, 4, 3);
    // SEQUENCE { SET { SEQUENCE { OID cn, UTF8String } } }, each with its length
    try {
      int[] at = {0};
      int end = enter(name, at, 0x30);
      enter(name, at, 0x31);
      enter(name, at, 0x30);
      for (byte b : cn) {
        if (name[at[0]++] != b) {
          return null;
        }
      }
      int valueEnd = enter(name, at, 0x0c);
      if (valueEnd != end) {
        return null;
      }
      return new String(name, at[0], valueEnd - at[0], StandardCharsets.UTF_8);
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException malformed) {
      return null;
    }
  }

  /** Reads a tag and length at {@code at}, leaves {@code at} on the content, returns its end. */
  private static int enter(byte[] der, int[] at, int tag) {
    if ((der[at[0]++] & 0xff) != tag) {
      throw new IllegalArgumentException("tag");
    }
    int length = der[at[0]++] & 0xff;
    if (length > 0x7f) {
      int bytes = length & 0x7f;
      if (bytes > 3) {
        throw new IllegalArgumentException("length");
      }
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = length << 8 | der[at[0]++] & 0xff;
      }
    }
    int end = at[0] + length;
    if (end > der.length) {
      throw new IllegalArgumentException("length");
    }
    return end;
  }

  static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
