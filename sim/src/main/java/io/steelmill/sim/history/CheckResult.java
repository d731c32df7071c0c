package io.steelmill.sim.history;

import java.time.Duration;

/**
 * The outcome of checking one history: the verdict, the violation when not linearizable, and
 * what the check covered.
 *
 * @param verdict linearizable, not linearizable or unknown
 * @param violation the smallest non-linearizable part, or null
 * @param model the model's name
 * @param operations operations checked (after dropping failed ones and unknown reads)
 * @param partitions how many independent partitions
 * @param searched wall-clock time to reach the verdict
 * @param elapsed wall-clock time including the search for the smallest violation
 * @param budgetBytes when an unknown verdict came from the search's memory budget, not the time
 *     limit: that budget in bytes; else 0
 */
public record CheckResult(Verdict verdict, Violation violation, Model model, int operations,
    int partitions, Duration searched, Duration elapsed, long budgetBytes) {

  /** A result whose unknown verdict, if any, came from the time limit. */
  public CheckResult(Verdict verdict, Violation violation, Model model, int operations,
      int partitions, Duration searched, Duration elapsed) {
    this(verdict, violation, model, operations, partitions, searched, elapsed, 0);
  }

  /** This result, unknown because the search filled its memory budget of {@code bytes}. */
  CheckResult overBudget(long bytes) {
    return new CheckResult(Verdict.UNKNOWN, null, model, operations, partitions, searched,
        elapsed, bytes);
  }

  public boolean linearizable() {
    return verdict == Verdict.LINEARIZABLE;
  }

  /** A readable report: the verdict and, for a violation, its operations and states. */
  public String describe() {
    if (verdict != Verdict.NOT_LINEARIZABLE) {
      return verdict == Verdict.LINEARIZABLE ? "linearizable"
          : budgetBytes > 0 ? "unknown (the search filled its memory budget of "
              + (budgetBytes >> 20) + " MiB, a quarter of the heap: more heap (-Xmx) may decide"
              + " it; " + operations + " operations)"
          : "unknown (no verdict within the time limit; " + operations + " operations)";
    }
    return "not linearizable\n" + ViolationReport.format(model, violation);
  }
}
