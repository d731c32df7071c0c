package io.steelmill.sim.shrink;

import io.steelmill.sim.FaultMask;
import java.util.List;

/**
 * What shrinking found.
 *
 * @param original the faults of the failing run, in order
 * @param kept the smallest failing set found, in the original order
 * @param replays how many replays it took
 * @param minimal true when leaving out any one kept fault was tried and made the run pass (false
 *     when the replay budget ran out first)
 * @param reproduced false when even the replay with every original fault passed (the failure
 *     does not follow from the seed and its faults: then nothing was shrunk), or when
 *     shrinking was not tried
 * @param notTried why shrinking was not tried (no replay made), or empty
 */
public record ShrinkResult(List<String> original, List<String> kept, int replays,
    boolean minimal, boolean reproduced, String notTried) {
  public ShrinkResult {
    original = List.copyOf(original);
    kept = List.copyOf(kept);
    notTried = java.util.Objects.requireNonNull(notTried, "notTried");
  }

  /** The kept faults as a {@code --faults} value: {@code f3,b7}, or {@code none}. */
  public String faults() {
    return FaultMask.only(kept).toString();
  }

  /** One line: {@code 2 of 31 faults (f3,b7), 14 replays, 1-minimal}. */
  public String summary() {
    if (!notTried.isEmpty()) {
      return "not shrunk: " + notTried;
    }
    if (!reproduced) {
      return "not shrunk: the replay with all " + original.size() + " faults passed ("
          + replays + " replays)";
    }
    return kept.size() + " of " + original.size() + " faults (" + faults() + "), " + replays
        + " replays, " + (minimal ? "1-minimal" : "replay budget spent, may not be minimal");
  }
}
