package io.steelmill.examples.pingpong;

import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SeedSweep;
import io.steelmill.sim.Shard;
import io.steelmill.sim.SweepReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pingpong --seeds K}: seeds {@code 1..K} (those of one shard), several at once, one line
 * per seed in seed order whatever order they finish in, then the totals. Every seed runs to its
 * end; a failed one is reported with its replay command.
 */
final class PingPongSweep {
  private PingPongSweep() {}

  static int run(int seeds, int nodes, Duration virtual, int jobs, Shard shard, Path reportDir,
      PrintStream out) {
    Duration length = virtual;
    List<Long> chosen = new ArrayList<>();
    for (long s = 1; s <= seeds; s++) {
      if (shard.contains(s)) {
        chosen.add(s);
      }
    }
    String suite = "pingpong --nodes " + nodes + " --virtual " + virtual;
    SweepReport report = new SweepReport(shard, suite + " --seeds " + seeds).planned(chosen.size());
    long[] delivered = {0};
    int[] failed = {0};
    long started = System.nanoTime();
    SeedSweep.run(chosen, jobs, s -> PingPongRun.run(s, nodes, length), figures -> {
      delivered[0] += figures.delivered();
      String replay = "./mvnw -q -Psimulation -pl examples -am compile exec:java -Dexec.args=\""
          + "pingpong --nodes " + nodes + " --virtual " + virtual + " --seed " + figures.seed()
          + "\"";
      report.add(new SeedResult(suite, figures.seed(), figures.failure() == null,
          figures.traceSha256(), figures.failure() == null ? null : figures.failure().toString(),
          figures.failure() == null ? null : replay, figures.wallNanos()));
      out.println("seed " + figures.seed() + ": delivered " + figures.delivered() + ", answered "
          + figures.answered() + ", timeouts " + figures.timeouts() + ", trace sha256 "
          + figures.traceSha256()
          + (figures.failure() == null ? "" : ", FAILED: " + figures.failure()));
      if (figures.failure() != null) {
        failed[0]++;
        out.println("  replay: " + replay);
      }
    }, figures -> false);
    double seconds = (System.nanoTime() - started) / 1e9;
    out.println("seeds: " + chosen.size() + (shard.isAll() ? "" : " (shard " + shard + ")")
        + ", failed: " + failed[0] + ", delivered: " + delivered[0]);
    System.err.printf("%d seeds in %.2f s with %d jobs: %.2f seeds/s, %.0f messages/s%n",
        chosen.size(), seconds, jobs, chosen.size() / seconds, delivered[0] / seconds);
    if (reportDir != null) {
      try {
        report.write(reportDir);
      } catch (IOException e) {
        System.err.println("--report-dir: cannot write the report into " + reportDir + ": " + e);
        return 2;
      }
    }
    return failed[0] == 0 ? 0 : 1;
  }
}
