package io.steelmill.simagent;

import java.nio.charset.StandardCharsets;

/**
 * Tells from a class file's constant pool alone, without parsing any method, whether the class
 * may call one of the clock reads {@link TimeReadRewriter} redirects. A call of {@code
 * System.nanoTime()}, an {@code invokedynamic} whose bootstrap arguments name {@code
 * System::nanoTime}, and a {@code ldc} of that method handle all need a {@code Methodref} entry
 * naming the owner, the name and the descriptor, so a class without such an entry reads no clock
 * (reflective and method-handle lookups at run time are outside the contract, as before).
 *
 * <p>This is what keeps the agent cheap: most classes are answered here in one pass over their
 * constant pool, without the class-file library. The answer errs on one side only: a class file
 * this scanner cannot read (truncated, or with a constant-pool tag of a future JDK) "may read a
 * clock", so the full parser decides and a real clock read is never missed.
 */
final class ClockReads {
  private static final int METHODREF = 10;
  private static final int INTERFACE_METHODREF = 11;
  private static final byte[][] OWNERS = {ascii("java/lang/System"), ascii("jdk/internal/misc/VM")};
  private static final byte[][] NAMES = {ascii("nanoTime"), ascii("currentTimeMillis"),
      ascii("getNanoTimeAdjustment")};

  private ClockReads() {}

  /**
   * Whether the class file may read a clock: true when its constant pool references {@code
   * System.nanoTime()J}, {@code System.currentTimeMillis()J} or {@code
   * jdk.internal.misc.VM.getNanoTimeAdjustment(J)J}, or when the pool cannot be read.
   */
  static boolean mayRead(byte[] classFile) {
    try {
      return scan(classFile);
    } catch (IndexOutOfBoundsException | UnreadablePool e) {
      return true; // let the full parser decide (and report what it cannot rewrite)
    }
  }

  private static boolean scan(byte[] bytes) {
    Pool pool = pool(bytes);
    if (!pool.namesAClock()) {
      return false; // most classes: no clock's name anywhere in the pool
    }
    for (int index = 1; index < pool.offsets().length; index++) {
      if (target(bytes, pool.offsets(), index) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where each constant-pool entry starts ({@code offsets[i]} for entry i; 0 for the unusable
   * slot after a Long or Double), where the pool ends, and whether a clock's name is among its
   * strings.
   */
  record Pool(int[] offsets, int end, boolean namesAClock) {}

  /** Reads the pool's layout. @throws UnreadablePool when it cannot be read */
  static Pool pool(byte[] bytes) {
    try {
      if (u4(bytes, 0) != 0xCAFEBABE) {
        throw new UnreadablePool();
      }
      int count = u2(bytes, 8);
      int[] offsets = new int[count]; // of each entry's tag
      boolean namesAClock = false;
      int at = 10;
      for (int index = 1; index < count; index++) {
        offsets[index] = at;
        int tag = bytes[at] & 0xFF;
        if (tag == 1) { // Utf8: u2 length, then the bytes
          int length = u2(bytes, at + 1);
          at += 3 + length;
          namesAClock |= at <= bytes.length && isOneOf(bytes, at - length, length, NAMES);
        } else {
          at += 1 + payload(tag);
          if (tag == 5 || tag == 6) { // Long and Double take two slots
            index++;
          }
        }
      }
      if (at > bytes.length) {
        throw new UnreadablePool();
      }
      return new Pool(offsets, at, namesAClock);
    } catch (IndexOutOfBoundsException e) {
      throw new UnreadablePool();
    }
  }

  /**
   * The {@code VirtualClock} method that replaces entry {@code index} when it is a Methodref or
   * InterfaceMethodref of a clock read, else null.
   */
  static String target(byte[] bytes, int[] offsets, int index) {
    int at = offsets[index];
    int tag = at == 0 ? 0 : bytes[at] & 0xFF; // 0: the second slot of a Long or Double
    if (tag != METHODREF && tag != INTERFACE_METHODREF) {
      return null;
    }
    int ownerClass = entry(bytes, offsets, u2(bytes, at + 1), 7);
    int owner = entry(bytes, offsets, u2(bytes, ownerClass + 1), 1);
    if (!isOneOf(bytes, owner + 3, u2(bytes, owner + 1), OWNERS)) {
      return null;
    }
    int nameAndType = entry(bytes, offsets, u2(bytes, at + 3), 12);
    String name = string(bytes, entry(bytes, offsets, u2(bytes, nameAndType + 1), 1));
    String type = string(bytes, entry(bytes, offsets, u2(bytes, nameAndType + 3), 1));
    return TimeReadRewriter.target(string(bytes, owner), name, type);
  }

  /** The size after the tag byte of every entry but Utf8's. */
  private static int payload(int tag) {
    return switch (tag) {
      case 7, 8, 16, 19, 20 -> 2; // Class, String, MethodType, Module, Package
      case 15 -> 3; // MethodHandle
      case 3, 4, 9, 10, 11, 12, 17, 18 -> 4; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
      case 5, 6 -> 8; // Long, Double
      default -> throw new UnreadablePool();
    };
  }

  /** The offset of entry {@code index}, checked to carry {@code tag}. */
  static int entry(byte[] bytes, int[] offsets, int index, int tag) {
    int at = index < offsets.length ? offsets[index] : 0;
    if (at == 0 || (bytes[at] & 0xFF) != tag) {
      throw new UnreadablePool();
    }
    return at;
  }

  private static String string(byte[] bytes, int utf8At) {
    return new String(bytes, utf8At + 3, u2(bytes, utf8At + 1), StandardCharsets.ISO_8859_1);
  }

  private static boolean isOneOf(byte[] bytes, int from, int length, byte[][] candidates) {
    for (byte[] candidate : candidates) {
      if (candidate.length == length && java.util.Arrays.equals(bytes, from, from + length,
          candidate, 0, length)) {
        return true;
      }
    }
    return false;
  }

  static int u2(byte[] bytes, int at) {
    return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
  }

  private static int u4(byte[] bytes, int at) {
    return (u2(bytes, at) << 16) | u2(bytes, at + 2);
  }

  private static byte[] ascii(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }

  /** A constant pool this scanner cannot read; the class "may read a clock". */
  static final class UnreadablePool extends RuntimeException {
    UnreadablePool() {
      super(null, null, false, false);
    }
  }
}
