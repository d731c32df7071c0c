package io.steelmill.sim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a run of a {@link Simulation} did: its seed, how far virtual time went, how many steps,
 * the SHA-256 of its trace, and the first failure if any. Two runs of one seed give equal hashes.
 *
 * @param fullTrace every event line when the run used {@link Trace.Level#FULL}, else empty
 * @param leaked tasks that did not unwind at the end of the run (a daemon ignoring interrupts),
 *     and what tasks woken from outside after the traced run failed with (notes, not verdicts)
 */
public record SimResult(
    long seed,
    long virtualNanos,
    long steps,
    long events,
    long wallNanos,
    String traceSha256,
    List<String> traceTail,
    List<String> fullTrace,
    Throwable failure,
    List<String> leaked) {

  public boolean succeeded() {
    return failure == null;
  }

  public Optional<Throwable> failureCause() {
    return Optional.ofNullable(failure);
  }

  public Duration virtualTime() {
    return Duration.ofNanos(virtualNanos);
  }

  /** Virtual time over wall time. */
  public double compression() {
    return wallNanos == 0 ? 0 : (double) virtualNanos / wallNanos;
  }

  /** A human report: seed, virtual time, the failure, the last trace events. */
  public String report() {
    StringBuilder text = new StringBuilder();
    text.append("seed ").append(seed).append(", virtual time ").append(virtualTime())
        .append(", ").append(steps).append(" steps, trace sha256 ").append(traceSha256)
        .append('\n');
    if (failure != null) {
      // identity hashes and thread ids rewritten, so a seed's report reads the same in any JVM
      text.append("failure: ").append(new StableNames().rewrite(String.valueOf(failure)))
          .append('\n');
    }
    if (!leaked.isEmpty()) {
      text.append("tasks that did not unwind: ").append(leaked).append('\n');
    }
    text.append("last trace events:\n");
    for (String line : traceTail) {
      text.append("  ").append(line).append('\n');
    }
    return text.toString();
  }
}
