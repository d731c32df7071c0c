package io.steelmill.examples.cluster;

import io.steelmill.examples.Cli;
import io.steelmill.examples.WholeRange;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code cluster simulate} for faults: BUGGIFY, replaying a seed with some of its
 * faults, shrinking a failing seed and drawing it. A picocli mixin whose methods name no
 * simulator class (the production build reflects over the command); {@link FailingSeed} does
 * the work in the simulation build.
 */
public final class FaultOptions {
  static final int MAX_BUDGET = 10_000;

  @Option(names = "--buggify", description = "Let the store's BUGGIFY sites fire: each seed"
      + " switches on a quarter of them (default: off, network and node faults only).")
  boolean buggify;

  @Option(names = "--faults", paramLabel = "IDS", description = "Replay --seed with only these"
      + " of its faults, e.g. f3,b7 (as a shrink prints them), or none.")
  String faults;

  @Option(names = "--shrink", description = "Shrink a failing seed: replay it with subsets of its"
      + " faults and print the smallest set that still fails, with its replay command.")
  boolean shrink;

  @Option(names = "--shrink-budget", paramLabel = "N", description = "Replays a shrink may use,"
      + " 1 to " + MAX_BUDGET + " (default 200).")
  @WholeRange(min = 1, max = MAX_BUDGET)
  int budget = 200;

  @Option(names = "--picture", paramLabel = "FILE", description = "Write an HTML picture of"
      + " --seed's run to FILE (its folder must exist); a sweep with --report-dir writes one per"
      + " failing seed.")
  Path picture;

  /** Checks the options before any seed runs; {@code oneSeed}: the command runs --seed. */
  void validate(CommandSpec spec, boolean oneSeed) {
    if (faults != null && !oneSeed) {
      throw Cli.mistake(spec, "--faults replays one seed: add --seed S");
    }
    if (picture != null && !oneSeed) {
      throw Cli.mistake(spec, "--picture draws one seed: add --seed S (a sweep draws its failing"
          + " seeds into --report-dir)");
    }
    if (picture != null) {
      Cli.writableFile(spec, "--picture", picture);
    }
  }

  /** The options as typed again in a replay command, e.g. {@code " --buggify"}. */
  String replayOptions() {
    return buggify ? " --buggify" : "";
  }
}
