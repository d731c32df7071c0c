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
      stderr.println("merge-results: " + SweepMerge.printable(e.toString()));
      return 2;
    }
    List<Shard> missing = SweepMerge.missing(merged);
    List<SeedResult> failing = merged.failing();
    int count = merged.shards().isEmpty() ? 0 : merged.shards().get(0).count();
    stdout.println("shards: " + merged.shards().size() + " of " + count
        + (missing.isEmpty() ? "" : " (missing: " + missing + ")")
        + ", seeds: " + merged.results().size() + ", failing: " + failing.size()
        + (merged.planned() > merged.results().size()
            ? ", not run: " + (merged.planned() - merged.results().size()) : ""));
    for (SeedResult result : failing) {
      List<String> lines = String.valueOf(result.failure()).lines().toList();
      stdout.println("failing seed " + result.seed() + " of " + SweepMerge.printable(result.suite())
          + ": " + SweepMerge.printable(lines.isEmpty() ? "" : lines.get(0)));
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        stdout.println("    " + SweepMerge.printable(line)); // a violation's detail, indented
      }
      stdout.println("  trace sha256: " + SweepMerge.printable(result.traceSha256()));
      stdout.println("  replay: " + SweepMerge.printable(result.replay()));
    }
    return failing.isEmpty() ? 0 : 1;
  }
}
