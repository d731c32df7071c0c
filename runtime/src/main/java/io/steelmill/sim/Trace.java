package io.steelmill.sim;

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

  /** Records an event line: {@code t=<ns> <text>}. */
  void event(long now, String text) {
    if (frozen) {
      return;
    }
    String line = "t=" + now + " " + text;
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

  private void putLong(long value, int offset) {
    for (int i = 0; i < 8; i++) {
      steps[offset + i] = (byte) (value >>> (8 * i));
    }
  }
}
