package io.steelmill.examples.replicated;

/**
 * A value with the version that wrote it: the epoch of the primary and that primary's sequence
 * number. Versions order writes across primaries (a newer epoch wins) and within one (a later
 * sequence number wins), so a replica that receives writes out of order keeps the newest.
 *
 * @param value the value
 * @param epoch the writing primary's epoch (its lease's fencing token)
 * @param seq the writing primary's sequence number, 0 for the state it installed on taking over
 */
public record Versioned(String value, long epoch, long seq) implements Comparable<Versioned> {
  /** Whether this version is newer than {@code other} (anything is newer than null). */
  public boolean newerThan(Versioned other) {
    return other == null || compareTo(other) > 0;
  }

  @Override
  public int compareTo(Versioned other) {
    int byEpoch = Long.compare(epoch, other.epoch);
    return byEpoch != 0 ? byEpoch : Long.compare(seq, other.seq);
  }
}
