package io.steelmill.examples.replicated;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replica remembers, and the rules for changing it: the newest epoch it has promised (it
 * refuses anything from an older one) and the newest version of each key. Every change is
 * returned as a log line for the replica to append and sync before it answers; {@link #replay}
 * rebuilds the state from those lines after a restart. Not thread-safe: the replica serializes.
 */
final class ReplicaState {
  private long promised;
  private final Map<String, Versioned> data = new TreeMap<>();

  /** The newest epoch promised. */
  long promised() {
    return promised;
  }

  /** Whether a message of {@code epoch} may change this replica. */
  boolean admits(long epoch) {
    return epoch >= promised;
  }

  /** Promises {@code epoch} (never goes back); the log line, or null when nothing changed. */
  String promise(long epoch) {
    if (epoch <= promised) {
      return null;
    }
    promised = epoch;
    return "P " + epoch + "\n";
  }

  /** Keeps {@code version} of {@code key} if it is newer; the log line, or null. */
  String put(String key, Versioned version) {
    if (!version.newerThan(data.get(key))) {
      return null;
    }
    data.put(key, version);
    return "W " + key + " " + version.value() + " " + version.epoch() + " " + version.seq()
        + "\n";
  }

  /** Every key's newest version, sorted by key. */
  Map<String, Versioned> data() {
    return Collections.unmodifiableMap(data);
  }

  /**
   * The state written by {@code log}. A last line without its newline was cut short by a crash
   * before it was synced (so never answered) and is ignored; any other malformed line is an
   * error, since a replica must not serve from a state it cannot trust.
   */
  static ReplicaState replay(byte[] log) {
    ReplicaState state = new ReplicaState();
    String text = new String(log, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n') + 1;
    int lineNumber = 0;
    for (String line : text.substring(0, end).split("\n", -1)) {
      lineNumber++;
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(" ");
      try {
        if (parts[0].equals("P") && parts.length == 2) {
          state.promise(Wire.number(parts[1]));
        } else if (parts[0].equals("W") && parts.length == 5) {
          state.put(parts[1], Wire.entries(parts, 1).get(parts[1]));
        } else {
          throw new IllegalArgumentException("unknown record");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("replica log line " + lineNumber + " is corrupt (\""
            + line + "\"): " + e.getMessage(), e);
      }
    }
    return state;
  }
}
