package io.steelmill.examples.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code merge-results [--out DIR] [--partial] DIR...}: combines the shard reports of one sweep,
 * prints the failing seeds with their replay commands, and exits 1 when any seed failed, 2 when
 * the reports do not add up (a shard missing or given twice, shards of different splits).
 */
@Command(
    name = "merge-results",
    description = "Combine the reports of a sweep's shards (results.json in each DIR).")
public final class MergeResultsCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Report directories of the shards.")
  List<Path> reports;

  @Option(names = "--out", description = "Write the merged results.json, failing-seeds.json and"
      + " junit.xml here.")
  Path out;

  @Option(names = "--partial", description = "Merge even when some shards are missing (named).")
  boolean partial;

  @Override
  public Integer call() {
    // the sweep classes are loaded only here, so picocli never needs them to build the CLI
    return MergeResults.run(reports, out, partial, System.out, System.err);
  }
}
