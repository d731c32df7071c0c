package io.steelmill.sim;

import java.util.Objects;

/**
 * The outcome of one seed of a sweep, as reports store it.
 *
 * @param suite what was swept: a command with its options, or a test class and method
 * @param seed the seed
 * @param passed whether the run succeeded
 * @param traceSha256 the run's trace hash (the same seed gives the same hash)
 * @param failure the failure's one-line message, or null
 * @param replay the command that replays this seed alone, or null
 * @param wallNanos real time the seed took (not part of any comparison)
 */
public record SeedResult(
    String suite, long seed, boolean passed, String traceSha256, String failure, String replay,
    long wallNanos) {

  public SeedResult {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(traceSha256, "traceSha256");
  }

  /** From a finished run. */
  public static SeedResult of(String suite, SimResult result, String replay) {
    return new SeedResult(
        suite, result.seed(), result.succeeded(), result.traceSha256(),
        result.succeeded() ? null : firstLine(String.valueOf(result.failure().getMessage())),
        result.succeeded() ? null : replay, result.wallNanos());
  }

  /**
   * A seed whose run completed but whose outcome failed a check made after it (a client history
   * that is not linearizable, say): {@code failure} says why.
   */
  public static SeedResult failed(String suite, SimResult result, String failure, String replay) {
    return new SeedResult(suite, result.seed(), false, result.traceSha256(), firstLine(failure),
        replay, result.wallNanos());
  }

  /** What must be equal between two sweeps of the same seeds: all but the timing. */
  public String identity() {
    return suite + " seed=" + seed + " " + (passed ? "passed" : "FAILED") + " " + traceSha256;
  }

  static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
