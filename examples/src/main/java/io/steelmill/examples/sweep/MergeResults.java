package io.steelmill.examples.sweep;

import io.steelmill.sim.SeedResult;
import io.steelmill.sim.Shard;
import io.steelmill.sim.SweepMerge;
import io.steelmill.sim.SweepReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** What {@code merge-results} does, apart from its options. */
final class MergeResults {
  private MergeResults() {}

  static int run(
      List<Path> reports, Path out, boolean partial, PrintStream stdout, PrintStream stderr) {
    if (out != null && out.toString().isBlank()) {
      stderr.println("merge-results: --out needs a directory, not \"" + out + "\"");
      return 2;
    }
    SweepReport merged;
    try {
      merged = SweepMerge.merge(reports, partial);
      if (out != null) {
        merged.write(out);
      }
    } catch (IllegalArgumentException e) {
      stderr.println("merge-results: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      stderr.println("merge-results: " + e);
      return 2;
    }
    List<Shard> missing = SweepMerge.missing(merged);
    List<SeedResult> failing = merged.failing();
    int count = merged.shards().isEmpty() ? 0 : merged.shards().get(0).count();
    stdout.println("shards: " + merged.shards().size() + " of " + count
        + (missing.isEmpty() ? "" : " (missing: " + missing + ")")
        + ", seeds: " + merged.results().size() + ", failing: " + failing.size());
    for (SeedResult result : failing) {
      stdout.println("failing seed " + result.seed() + " of " + result.suite() + ": "
          + result.failure());
      stdout.println("  trace sha256: " + result.traceSha256());
      stdout.println("  replay: " + result.replay());
    }
    return failing.isEmpty() ? 0 : 1;
  }
}
