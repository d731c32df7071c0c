package io.steelmill.examples;

import static io.steelmill.examples.CliHostileTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliHostileTest.Result;
import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SweepReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every replay command a sweep prints for a failing seed, in its report and on stdout, run as
 * the user would paste it: it replays that exact seed, with the same failure and the same trace
 * hash, whatever options the sweep had (--buggify, --virtual, the replicated store with a planted
 * bug, a shard).
 */
class CliReplayEndToEndTest {
  private static final Pattern ARGS = Pattern.compile("-Dexec\\.args=\"([^\"]*)\"$");

  @TempDir Path dir;

  private int replayEveryFailure(String name, String... sweep) {
    Path reports = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of(sweep));
    args.addAll(List.of("--keep-going", "--jobs", "2", "--report-dir", reports.toString()));
    Result swept = run(args.toArray(String[]::new));
    assertThat(swept.code()).as(swept.err()).isIn(0, 1);
    List<SeedResult> failing;
    try {
      failing = SweepReport.read(reports).failing();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    for (SeedResult failed : failing) {
      assertThat(swept.out()).contains("replay: " + failed.replay());
      Matcher matcher = ARGS.matcher(failed.replay());
      assertThat(matcher.find()).as(failed.replay()).isTrue();
      List<String> replay = new ArrayList<>(List.of(matcher.group(1).split(" ")));
      int history = replay.indexOf("--history");
      replay.set(history + 1, dir.resolve(name + "-seed-" + failed.seed() + ".edn").toString());
      Result again = run(replay.toArray(String[]::new));
      String label = failed.replay() + "\nout: " + again.out() + "\nerr: " + again.err();
      assertThat(again.code()).as(label).isEqualTo(1);
      assertThat(again.out()).as(label).contains("seed: " + failed.seed() + ",")
          .contains("trace sha256: " + failed.traceSha256())
          .contains("violation: " + failed.failure());
    }
    return failing.size();
  }

  @Test
  void theReplayOfAnUnfencedBuggifiedSweepReplaysEachFailingSeed() {
    int failing = replayEveryFailure("unfenced", "cluster", "simulate", "--nodes", "5", "--seeds",
        "6", "--unfenced", "--buggify", "--virtual", "8s");
    assertThat(failing).as("the unfenced store fails some seeds").isPositive();
  }

  @Test
  void theReplayOfAShardOfAPlantedBugReplaysEachFailingSeed() {
    int failing = replayEveryFailure("stale-term", "cluster", "simulate", "--store", "replicated",
        "--bug", "stale-term", "--nodes", "5", "--seeds", "12", "--shard", "1/2", "--virtual",
        "10s");
    assertThat(failing).as("the planted bug fails some seeds").isPositive();
  }
}
