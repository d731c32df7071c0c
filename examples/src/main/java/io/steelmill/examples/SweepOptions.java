package io.steelmill.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options every seed sweep takes ({@code --jobs}, {@code --shard}, {@code --report-dir}),
 * checked one way for every command: a picocli mixin. Its methods name no simulator class, so a
 * production build can reflect over a command that mixes it in.
 */
public final class SweepOptions {
  static final int MAX_JOBS = 1024;

  @Option(names = "--jobs", paramLabel = "J",
      description = "Seeds run at once, 1 to " + MAX_JOBS + " (default: the available cores).")
  @WholeRange(min = 1, max = MAX_JOBS)
  int jobs = Math.min(Runtime.getRuntime().availableProcessors(), MAX_JOBS);

  @Option(names = "--shard", paramLabel = "I/N",
      description = "Run only shard I/N: the seeds s with s mod N = I.")
  String shard;

  @Option(names = "--report-dir", paramLabel = "DIR", description = "Write results.json,"
      + " failing-seeds.json and junit.xml here (merge shards with merge-results).")
  Path reportDir;

  /** How many seeds run at once. */
  public int jobs() {
    return jobs;
  }

  /** {@code I/N} as typed, or null for every seed. */
  public String shard() {
    return shard;
  }

  /** Where the reports go, or null. */
  public Path reportDir() {
    return reportDir;
  }

  /**
   * Checks the options before any seed runs: {@code sweeping} says whether the command line asks
   * for a sweep at all (a shard or a report of one seed is a mistake, not silently ignored), and
   * the report folder is created now, so a bad one fails before hours of seeds, not after.
   */
  public void validate(CommandSpec spec, boolean sweeping, String sweepOption) {
    if (!sweeping && shard != null) {
      throw Cli.mistake(spec, "--shard splits a sweep: " + sweepOption);
    }
    if (!sweeping && reportDir != null) {
      throw Cli.mistake(spec, "--report-dir records a sweep: " + sweepOption);
    }
    if (!sweeping && spec.commandLine().getParseResult().hasMatchedOption("--jobs")) {
      throw Cli.mistake(spec, "--jobs runs a sweep's seeds at once: " + sweepOption);
    }
    if (reportDir != null) {
      try {
        Files.createDirectories(reportDir);
      } catch (IOException | RuntimeException e) {
        throw Cli.mistake(spec, "--report-dir: cannot create " + reportDir + ": " + e.getMessage());
      }
      if (!Files.isWritable(reportDir)) {
        throw Cli.mistake(spec, "--report-dir: " + reportDir + " is not writable");
      }
    }
  }
}
