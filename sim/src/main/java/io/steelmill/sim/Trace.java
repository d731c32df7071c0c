package io.steelmill.sim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Every scheduling decision, message and fault of a run, hashed with SHA-256 as it happens. The
 * same seed gives the same hash; how much text is kept is a choice ({@link Level}).
 */
public final class Trace {
  /** Eight bytes at a time into the step buffer (one store instead of eight). */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** How much of the trace is kept as text; the hash always covers everything. */
  public enum Level {
    /** Only the last events (the tail), for failure reports. */
    TAIL,
    /** Every event and every scheduling step, for diffing two runs. */
    FULL
  }

  private final MessageDigest digest;
  private final Level level;
  private final int tailSize;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private final List<String> full = new ArrayList<>();
  /** Step records, hashed in batches: one digest call per 256 steps instead of per step. */
  private final byte[] steps = new byte[4096];
  private int stepBytes;
  private long events;
  private final StableNames names = new StableNames();
  private boolean frozen;

  Trace(Level level, int tailSize) {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
    this.level = level;
    this.tailSize = tailSize;
  }

  /**
   * Records a scheduling step cheaply: the time and the task, as 16 bytes of the hash, whatever
   * the level (so the hash never depends on how much text is kept); FULL also keeps a line.
   */
  void step(long now, int task) {
    if (frozen) {
      return;
    }
    if (level == Level.FULL) {
      full.add("t=" + now + " step " + task);
    }
    if (stepBytes == steps.length) {
      flushSteps();
    }
    putLong(now, stepBytes);
    putLong(task, stepBytes + 8);
    stepBytes += 16;
  }

  /**
   * Ends the trace: nothing after this changes the hash. Used after an escape, since what follows
   * (unwinding tasks whose monitors the JVM hands over) runs partly outside the schedule.
   */
  void freeze() {
    frozen = true;
  }

  private void flushSteps() {
    digest.update(steps, 0, stepBytes);
    stepBytes = 0;
  }

  /**
   * Records data the run produced (a message payload, bytes made durable) by its digest: 16
   * bytes of the hash, so a value that is not the seed's (a wall-clock read sent in a message)
   * changes the hash even when the schedule does not; FULL also keeps a line naming it.
   *
   * @param what what the data is, for the FULL line ({@code send a/x->b/y}); not hashed
   */
  void data(long now, String what, long digest) {
    if (level == Level.FULL) {
      full.add("t=" + now + " " + what + " data " + Long.toHexString(digest));
    }
    if (stepBytes == steps.length) {
      flushSteps();
    }
    putLong(-1, stepBytes); // never a time: a step record cannot look like a data record
    putLong(digest, stepBytes + 8);
    stepBytes += 16;
  }

  /** Whether the trace keeps every line (then callers may spend on describing data). */
  boolean keepsEveryLine() {
    return level == Level.FULL;
  }

  /** {@code text} with what the JVM decides (identity hashes, thread ids) made stable. */
  String stable(String text) {
    return names.rewrite(text);
  }

  /**
   * {@code error} with a stable message, when the kernel made it (its reports name blockers by
   * their {@code toString}, identity hashes included); anything else as it is.
   */
  Throwable stable(Throwable error) {
    if (error.getClass() != SimulationException.class || error.getMessage() == null
        || !StableNames.mayNeedRewrite(error.getMessage())) {
      return error;
    }
    SimulationException stable =
        new SimulationException(names.rewrite(error.getMessage()), error.getCause());
    stable.setStackTrace(error.getStackTrace());
    return stable;
  }

  /** A stable name for an object the kernel reports on (a lock, a monitor). */
  String nameOf(Object object) {
    return names.of(object);
  }

  /**
   * Records an event line: {@code t=<ns> <text>}, with identity hash codes, thread ids and hidden
   * class addresses in the text rewritten to per-run ordinals (see {@link StableNames}).
   */
  void event(long now, String text) {
    if (frozen) {
      return;
    }
    String line = "t=" + now + " " + names.rewrite(text);
    flushSteps();
    digest.update(line.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
    events++;
    if (level == Level.FULL) {
      full.add(line);
    }
    tail.addLast(line);
    if (tail.size() > tailSize) {
      tail.removeFirst();
    }
  }

  /** The hex SHA-256 of everything recorded so far; ends the trace. */
  String finish() {
    flushSteps();
    return HexFormat.of().formatHex(digest.digest());
  }

  List<String> tail() {
    return List.copyOf(tail);
  }

  List<String> full() {
    return List.copyOf(full);
  }

  long events() {
    return events;
  }

  /** Writes {@code value} little-endian, the byte order the hash has always covered. */
  private void putLong(long value, int offset) {
    LONGS.set(steps, offset, value);
  }
}
