package io.steelmill.testing;

import io.steelmill.platform.Durations;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.History;
import io.steelmill.sim.history.HistoryFormat;
import io.steelmill.sim.history.LinearizabilityChecker;
import io.steelmill.sim.history.Model;
import io.steelmill.sim.history.Models;
import io.steelmill.sim.history.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks the history a {@link SimulationTest} recorded against its {@link
 * SimulationTest#linearizable()} model after the seed ran (outside virtual time). A history that
 * is not linearizable, or undecided in time, fails the seed; the history ({@code
 * seed-N.history.edn}) and the verdict ({@code seed-N.verdict.txt}) are written beside the report.
 */
final class HistoryCheck {
  private HistoryCheck() {}

  static void verify(ExtensionContext context, SimulationTest settings, SimResult result,
      History history) {
    if (settings.linearizable().isEmpty()) {
      return;
    }
    Model model = Models.named(settings.linearizable());
    if (model == null) {
      throw new IllegalArgumentException("@SimulationTest(linearizable = \""
          + settings.linearizable() + "\"): unknown model; use one of " + Models.NAMES);
    }
    if (history == null) {
      throw new IllegalArgumentException("@SimulationTest(linearizable = \""
          + settings.linearizable() + "\") needs a History parameter to record into");
    }
    CheckResult check =
        new LinearizabilityChecker(model, Durations.parsePositive(settings.checkTimeout()))
            .check(history);
    if (check.verdict() == Verdict.LINEARIZABLE) {
      return;
    }
    Path dir = SimReport.directory(context);
    String files;
    try {
      Files.createDirectories(dir);
      Path edn = dir.resolve("seed-" + result.seed() + ".history.edn");
      Path verdict = dir.resolve("seed-" + result.seed() + ".verdict.txt");
      HistoryFormat.write(history, edn);
      Files.writeString(verdict, check.describe() + "\n");
      files = "History: " + edn.toAbsolutePath() + "\nVerdict: " + verdict.toAbsolutePath();
    } catch (IOException e) {
      files = "(history not written: " + e + ")";
    }
    String text = "History check failed: seed=" + result.seed() + ", model "
        + model.name() + ", " + history.size() + " events: " + check.describe()
        + "\nReplay: " + SimReport.replay(context, result.seed()) + "\n" + files;
    System.err.println(text);
    throw new AssertionError(text);
  }
}
