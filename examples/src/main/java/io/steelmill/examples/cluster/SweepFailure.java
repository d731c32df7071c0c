package io.steelmill.examples.cluster;

import io.steelmill.sim.FaultMask;
import io.steelmill.sim.shrink.ShrinkResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sweep's failing seed: shrunk when asked, and with {@code --report-dir} a text report ({@code
 * seed-N.txt}) and its picture ({@code seed-N.html}, and {@code seed-N-shrunk.html} of the
 * shrunk run) beside the sweep's other reports.
 */
final class SweepFailure {
  private SweepFailure() {}

  static void handle(long seed, ClusterSimulation.Outcome outcome, FailingSeed failing,
      boolean shrink, Path reportDir, PrintStream out) {
    ShrinkResult shrunk = shrink ? failing.shrink(seed, outcome, out) : null;
    if (reportDir == null) {
      return;
    }
    String failure = SimulateCommand.failure(outcome);
    StringBuilder text = new StringBuilder()
        .append("seed: ").append(seed).append('\n')
        .append("violation: ").append(failure).append('\n')
        .append("trace sha256: ").append(outcome.result().traceSha256()).append('\n')
        .append("faults injected: ").append(outcome.faults().applied()).append('\n')
        .append("replay: ").append(failing.command(seed, "all")).append('\n');
    if (shrunk != null) {
      text.append("shrunk: ").append(shrunk.summary()).append('\n');
      if (shrunk.reproduced()) {
        text.append("replay shrunk: ").append(failing.command(seed, shrunk.faults()))
            .append('\n');
      }
    }
    text.append(outcome.result().report());
    try {
      Files.writeString(reportDir.resolve("seed-" + seed + ".txt"), text.toString());
      failing.draw(seed, FaultMask.ALL, reportDir.resolve("seed-" + seed + ".html"), failure);
      if (shrunk != null && shrunk.reproduced()) {
        failing.draw(seed, FaultMask.only(shrunk.kept()),
            reportDir.resolve("seed-" + seed + "-shrunk.html"), failure);
      }
      // stderr, as the sweep's progress: stdout stays the same whatever the report folder
      System.err.println("report: " + reportDir.resolve("seed-" + seed + ".txt")
          + " and its picture");
    } catch (IOException e) {
      System.err.println("report: cannot write into " + reportDir + ": " + e.getMessage());
    }
  }
}
