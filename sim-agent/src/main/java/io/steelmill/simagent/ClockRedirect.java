package io.steelmill.simagent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redirects a class's clock reads by editing its constant pool alone: each {@code Methodref} of
 * {@code System.nanoTime()J}, {@code System.currentTimeMillis()J} or {@code
 * VM.getNanoTimeAdjustment(J)J} is pointed at {@code VirtualClock} (two entries are appended: its
 * name and its class; two more for {@code nanoTimeAdjustment}'s name and type). Every {@code
 * invokestatic} of it, and every method handle made from it ({@code System::nanoTime}, as a
 * bootstrap argument or a constant), then calls the virtual clock. No instruction changes and no
 * instruction moves, so the stack maps stay valid and nothing is parsed: this costs a copy of the
 * class file, where rebuilding the code with the class-file library costs milliseconds.
 */
final class ClockRedirect {
  private static final int METHODREF = 10;
  private static final byte[] CLOCK = TimeReadRewriter.CLOCK_INTERNAL.getBytes(
      StandardCharsets.US_ASCII);
  private static final String ADJUSTMENT = "nanoTimeAdjustment";
  private static final byte[] ADJUSTMENT_NAME = ADJUSTMENT.getBytes(StandardCharsets.US_ASCII);

  private ClockRedirect() {}

  /**
   * The class file with its clock reads redirected, or null when it has none.
   *
   * @throws ClockReads.UnreadablePool when the pool cannot be read or edited this way (the
   *     caller rewrites the class with the class-file library instead)
   */
  static byte[] redirect(byte[] bytes) {
    ClockReads.Pool pool = ClockReads.pool(bytes);
    if (!pool.namesAClock()) {
      return null;
    }
    int[] offsets = pool.offsets();
    List<Integer> reads = new ArrayList<>();
    int adjustmentType = -1; // NameAndType entry of the first getNanoTimeAdjustment
    for (int index = 1; index < offsets.length; index++) {
      String target = ClockReads.target(bytes, offsets, index);
      if (target == null) {
        continue;
      }
      if ((bytes[offsets[index]] & 0xFF) != METHODREF) {
        throw new ClockReads.UnreadablePool(); // an InterfaceMethodref of System: not ours to fix
      }
      reads.add(index);
      if (target.equals(ADJUSTMENT) && adjustmentType < 0) {
        adjustmentType = ClockReads.u2(bytes, offsets[index] + 3);
      }
    }
    if (reads.isEmpty()) {
      return null;
    }
    int count = offsets.length;
    boolean adjusts = adjustmentType >= 0;
    int added = adjusts ? 4 : 2;
    if (count + added > 0xFFFF) {
      throw new ClockReads.UnreadablePool();
    }
    int extra = 3 + CLOCK.length + 3 + (adjusts ? 3 + ADJUSTMENT_NAME.length + 5 : 0);
    byte[] out = new byte[bytes.length + extra];
    System.arraycopy(bytes, 0, out, 0, pool.end());
    putU2(out, 8, count + added);
    int clockClass = count + 1; // the name at count, the class at count + 1
    int adjustment = count + 3; // its name at count + 2, its NameAndType at count + 3
    for (int index : reads) {
      int at = offsets[index];
      boolean isAdjustment = ADJUSTMENT.equals(ClockReads.target(bytes, offsets, index));
      putU2(out, at + 1, clockClass);
      if (isAdjustment) {
        putU2(out, at + 3, adjustment);
      }
    }
    int at = putUtf8(out, pool.end(), CLOCK);
    out[at] = 7;
    putU2(out, at + 1, count);
    at += 3;
    if (adjusts) {
      int nameAndType = ClockReads.entry(bytes, offsets, adjustmentType, 12);
      at = putUtf8(out, at, ADJUSTMENT_NAME);
      out[at] = 12;
      putU2(out, at + 1, count + 2);
      putU2(out, at + 3, ClockReads.u2(bytes, nameAndType + 3)); // the same (J)J descriptor
      at += 5;
    }
    System.arraycopy(bytes, pool.end(), out, at, bytes.length - pool.end());
    return out;
  }

  private static int putUtf8(byte[] out, int at, byte[] text) {
    out[at] = 1;
    putU2(out, at + 1, text.length);
    System.arraycopy(text, 0, out, at + 3, text.length);
    return at + 3 + text.length;
  }

  private static void putU2(byte[] out, int at, int value) {
    out[at] = (byte) (value >>> 8);
    out[at + 1] = (byte) value;
  }
}
