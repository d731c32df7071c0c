package io.steelmill.sim.shrink;

import io.steelmill.sim.SimResult;
import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.Verdict;

/**
 * What broke in a run, so that a shrinking replay can be told to fail "the same way": the run
 * itself (with its error's class), or the client history (not linearizable), or nothing.
 *
 * <p>A history check that decided nothing (its time limit or memory budget ran out) is a kind of
 * its own, {@linkplain #undecided() undecided}: it says what the machine could afford, not what
 * the seed did, so a replay that ends undecided does not reproduce a violation, and an undecided
 * run is not shrunk at all (a smaller replay would be judged by how fast this machine searches).
 *
 * @param text {@code passed}, {@code run: <error class>}, {@code history: not linearizable} or
 *     {@code history: undecided}
 */
public record FailureKind(String text) {
  /** The run and its history check (if any) passed. */
  public static final FailureKind PASSED = new FailureKind("passed");
  /** The history check found no linearization. */
  public static final FailureKind NOT_LINEARIZABLE = new FailureKind("history: not linearizable");
  /** The history check ran out of time or memory before deciding. */
  public static final FailureKind UNDECIDED = new FailureKind("history: undecided");

  /**
   * What broke in a run whose result is {@code result} and whose history check is {@code check}
   * (null when nothing was checked): a failed run wins over its history.
   */
  public static FailureKind of(SimResult result, CheckResult check) {
    if (!result.succeeded()) {
      return new FailureKind("run: " + result.failure().getClass().getName());
    }
    if (check == null || check.verdict() == Verdict.LINEARIZABLE) {
      return PASSED;
    }
    return check.verdict() == Verdict.NOT_LINEARIZABLE ? NOT_LINEARIZABLE : UNDECIDED;
  }

  /** Whether the history check decided nothing: such a failure is not shrunk. */
  public boolean undecided() {
    return equals(UNDECIDED);
  }
}
