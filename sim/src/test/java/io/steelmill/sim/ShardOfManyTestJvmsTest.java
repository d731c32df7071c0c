package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-module build run with {@code -Dsteelmill.shard=I/N} writes one report of shard I per
 * test JVM (a module each, in its own target directory). The merge refused every shard after the
 * first module's as "in both", so a CI merge saw one module and lost the failing seeds of the
 * others. Reports of one shard that hold other suites merge; one given twice is still refused.
 */
class ShardOfManyTestJvmsTest {
  /** The report of shard {@code index}/2 of {@code module}'s tests, seeds 1..6; seed 5 fails. */
  private static Path report(Path dir, String module, int index) throws Exception {
    Shard shard = new Shard(index, 2);
    SweepReport report = new SweepReport(shard, "simulation tests with -Dsteelmill.seeds=6");
    for (long seed = 1; seed <= 6; seed++) {
      if (shard.contains(seed) && !module.equals("empty")) {
        report.add(new SeedResult(module + ".SomeTest#method", seed, seed != 5, "h",
            seed == 5 ? "boom" : null, seed == 5 ? "replay" : null, 0));
      }
    }
    Path out = dir.resolve("shard-" + index).resolve(module);
    report.write(out);
    return out;
  }

  @Test
  void theReportsOfEveryModuleOfEveryShardMergeAndLoseNoFailingSeed(@TempDir Path dir)
      throws Exception {
    List<Path> all = new ArrayList<>();
    for (int index = 0; index < 2; index++) {
      for (String module : List.of("testing", "grpc", "empty")) {
        all.add(report(dir, module, index));
      }
    }
    SweepReport merged = SweepMerge.merge(all, false);
    assertThat(merged.results()).hasSize(12);
    assertThat(merged.failing()).extracting(SeedResult::suite)
        .containsExactly("grpc.SomeTest#method", "testing.SomeTest#method");
    assertThat(SweepMerge.missing(merged)).isEmpty();
    Path whole = dir.resolve("merged");
    merged.write(whole);
    assertThat(SweepReport.read(whole).results()).isEqualTo(merged.results());
  }

  @Test
  void theSameModulesReportOfAShardTwiceIsStillRefused(@TempDir Path dir) throws Exception {
    Path testing = report(dir, "testing", 0);
    Path grpc = report(dir, "grpc", 0);
    Path other = report(dir, "testing", 1);
    for (List<Path> paths : List.of(List.of(testing, grpc, testing, other),
        List.of(testing, other, grpc, grpc), List.of(testing, grpc, other, testing.resolve(
            "results.json")))) {
      Throwable thrown = catchThrowable(() -> SweepMerge.merge(paths, false));
      assertThat(thrown).as("%s", paths).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("%s", paths).contains("is in both", "SomeTest#method")
          .doesNotContain("\n");
    }
  }
}
