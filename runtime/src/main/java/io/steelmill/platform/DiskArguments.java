package io.steelmill.platform;

/**
 * The checks every {@link Disk} makes of a caller's bytes and position before touching a file,
 * with their messages: a missing array, a negative position, an end a long cannot hold. Public so
 * that the simulated disk refuses exactly the calls the production one refuses, in the same
 * words: a scenario that passes in simulation must not fail in production on an argument.
 */
public final class DiskArguments {
  private DiskArguments() {}

  /**
   * Refuses {@code data} and {@code position} for {@code what} ("write to", "append to") of
   * {@code file} on {@code disk} ("FileDisk", "SimDisk") of {@code node}.
   *
   * @throws NullPointerException if {@code data} is null (no bytes is {@code new byte[0]})
   * @throws IllegalArgumentException if {@code position} is negative, or its end overflows
   */
  public static void check(String disk, String node, String what, String file, long position,
      byte[] data) {
    String call = disk + " of node " + node + ": " + what + " " + Names.quoted(file);
    if (data == null) {
      throw new NullPointerException(call + " refused: the bytes to write are null. Fix: pass"
          + " the bytes, or new byte[0] to write none");
    }
    if (position < 0 || position + data.length < 0) {
      throw new IllegalArgumentException(call + " at position " + position + " ("
          + data.length + " bytes): positions run from 0 to " + Long.MAX_VALUE + ". Fix: write"
          + " at 0 or after it");
    }
  }
}
