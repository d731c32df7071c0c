package io.steelmill.testing;

import io.steelmill.platform.Durations;
import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.FaultMask;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.History;
import io.steelmill.sim.history.LinearizabilityChecker;
import io.steelmill.sim.history.Models;
import io.steelmill.sim.picture.RunPicture;
import io.steelmill.sim.shrink.FailureKind;
import io.steelmill.sim.shrink.ShrinkResult;
import io.steelmill.sim.shrink.Shrinker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.PreconditionViolationException;

/**
 * A failing seed of a {@link SimulationTest}, shrunk and drawn for its report: the method is run
 * again with subsets of the seed's faults until the fewest that fail it the same way are found
 * (see {@link Shrinker}), and that run is drawn to {@code seed-N.html} beside the text report.
 * Shrinking never hides the failure: if it cannot be done the report says why and goes on.
 */
final class FailureShrink {
  /** Runs the test method again, in a fresh simulation of the same seed, with {@code options}. */
  @FunctionalInterface
  interface Rerun {
    Outcome run(FaultLedger.Options options) throws Exception;
  }

  /** A run of the method: its result, faults, recorded history (or null) and hosts. */
  record Outcome(SimResult result, FaultLedger faults, History history, List<String> nodes) {}

  private final ExtensionContext context;
  private final SimulationTest settings;
  private final long seed;
  private final FaultLedger first;
  private final Rerun rerun;

  FailureShrink(ExtensionContext context, SimulationTest settings, long seed, FaultLedger first,
      Rerun rerun) {
    this.context = context;
    this.settings = settings;
    this.seed = seed;
    this.first = first;
    this.rerun = rerun;
  }

  /** {@code -Dsteelmill.faults}: null or blank for all faults; else ids such as f3,b7. */
  static FaultMask mask(String text) {
    if (text == null || text.isBlank()) {
      return FaultMask.ALL;
    }
    try {
      return FaultMask.parse(text);
    } catch (IllegalArgumentException e) {
      throw new PreconditionViolationException("-D" + SimulationExtension.FAULTS_PROPERTY + ": "
          + e.getMessage());
    }
  }

  static FaultLedger.Options options(SimulationTest settings, FaultMask mask, boolean timeline) {
    return new FaultLedger.Options(mask, settings.buggify(), timeline);
  }

  /** The shrink and picture lines of the report, or "" when shrinking is off. */
  String report(SimResult failed, History history) {
    if (settings.shrinkBudget() == 0) {
      return "";
    }
    try {
      ShrinkResult shrunk = new Shrinker(settings.shrinkBudget())
          .shrink(first, FailureKind.of(failed, check(history)), mask -> {
            try {
              Outcome again = rerun.run(options(settings, mask, false));
              return FailureKind.of(again.result(), check(again.history()));
            } catch (Exception e) {
              return null; // a replay that cannot be made does not fail the same way
            }
          });
      StringBuilder text = new StringBuilder("Shrunk: ").append(shrunk.summary()).append('\n');
      FaultMask drawn = first.options().mask();
      if (shrunk.reproduced()) {
        drawn = FaultMask.only(shrunk.kept());
        text.append("Replay shrunk: ").append(SimReport.replay(context, seed, drawn))
            .append('\n');
      }
      return text.append(picture(drawn, shrunk)).toString();
    } catch (Exception | AssertionError e) {
      return "Shrinking failed: " + e + "\n";
    }
  }

  private String picture(FaultMask mask, ShrinkResult shrunk) throws Exception {
    Outcome run = rerun.run(options(settings, mask, true));
    CheckResult check = check(run.history());
    Path file = SimReport.directory(context).resolve("seed-" + seed + ".html");
    Files.createDirectories(file.getParent());
    RunPicture.builder()
        .title(context.getRequiredTestClass().getSimpleName() + "#"
            + context.getRequiredTestMethod().getName() + ", seed " + seed + " with faults "
            + mask)
        .seed(seed)
        .failure(run.result().succeeded()
            ? (check == null ? null : "client history " + check.describe())
            : String.valueOf(run.result().failure()))
        .command(SimReport.replay(context, seed, mask))
        .nodes(run.nodes())
        .timeline(run.faults().timeline())
        .faults(run.faults().faults())
        .history(run.history(), check)
        .runEnd(run.result().virtualNanos())
        .failureTime(run.result().succeeded() ? -1 : run.result().virtualNanos())
        .build()
        .write(file);
    return "Picture: " + file.toAbsolutePath() + " (" + shrunk.kept().size() + " faults)\n";
  }

  /** The history's check against the test's model, or null when the test checks none. */
  private CheckResult check(History history) {
    if (settings.linearizable().isEmpty() || history == null
        || Models.named(settings.linearizable()) == null) {
      return null;
    }
    return new LinearizabilityChecker(Models.named(settings.linearizable()),
        Durations.parsePositive(settings.checkTimeout())).check(history);
  }
}
