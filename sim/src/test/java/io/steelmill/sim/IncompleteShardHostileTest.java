package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard that stopped early (at its first failing seed without --keep-going, or when a worker
 * JVM died) wrote a report of some of its seeds, and the merge counted it as its whole part: the
 * union of the shards was not the sweep, and nothing said so. A report says how many seeds it
 * was to run; the merge refuses one that holds fewer, naming its failing seeds, unless a
 * partial merge is asked for, which counts the seeds not run.
 */
class IncompleteShardHostileTest {
  /** Shard {@code index}/3 of seeds 1..30: the first {@code ran} of its seeds, seed 4 failing. */
  private static Path shard(Path dir, int index, int ran) throws Exception {
    Shard shard = new Shard(index, 3);
    SweepReport report = new SweepReport(shard, "sweep --seeds 30").planned(10);
    int added = 0;
    for (long seed = 1; seed <= 30 && added < ran; seed++) {
      if (shard.contains(seed)) {
        report.add(new SeedResult("s", seed, seed != 4, "h" + seed, seed != 4 ? null : "boom",
            seed != 4 ? null : "replay 4", 0));
        added++;
      }
    }
    Path out = dir.resolve(index + "-" + ran);
    report.write(out);
    return out;
  }

  @Test
  void aShardThatStoppedEarlyIsNotMergedAsWhole(@TempDir Path dir) throws Exception {
    Path a = shard(dir, 0, 10);
    Path b = shard(dir, 1, 2); // stopped after seed 4 (its second), which failed
    Path c = shard(dir, 2, 10);
    Throwable thrown = catchThrowable(() -> SweepMerge.merge(List.of(a, b, c), false));
    assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
    assertThat(thrown.getMessage()).contains(b.toString(), "2 of the 10 seeds", "failing: seed 4",
        "--keep-going", "--partial").doesNotContain("\n");
    SweepReport partial = SweepMerge.merge(List.of(a, b, c), true);
    assertThat(partial.results()).hasSize(22);
    assertThat(partial.planned()).isEqualTo(30);
    assertThat(partial.failing()).extracting(SeedResult::seed).containsExactly(4L);
    Path merged = dir.resolve("merged");
    partial.write(merged);
    assertThat(SweepReport.read(merged).planned()).isEqualTo(30);
    Throwable again = catchThrowable(() -> SweepMerge.merge(List.of(merged), false));
    assertThat(again).hasMessageContaining("22 of the 30 seeds");
    Path whole = shard(dir, 1, 10);
    SweepReport complete = SweepMerge.merge(List.of(a, whole, c), false);
    assertThat(complete.results()).hasSize(30);
    assertThat(complete.planned()).isEqualTo(30);
  }

  @Test
  void aReportThatDoesNotSayIsTakenAsItIsAndAWrongPlanIsRefused(@TempDir Path dir)
      throws Exception {
    SweepReport unsaid = new SweepReport(new Shard(0, 1));
    unsaid.add(new SeedResult("s", 1, true, "h", null, null, 0));
    unsaid.write(dir.resolve("unsaid"));
    assertThat(SweepMerge.merge(List.of(dir.resolve("unsaid")), false).planned()).isEqualTo(-1);
    for (String plan : List.of("-1", "\"10\"", "1.5", "null", "99999999999999999999")) {
      Path file = dir.resolve("p" + Math.abs(plan.hashCode()) + ".json");
      Files.writeString(file, "{\"format\": \"steelmill-sweep/1\", \"shards\": [\"0/1\"],"
          + " \"planned\": " + plan + ", \"results\": []}", StandardCharsets.UTF_8);
      Throwable thrown = catchThrowable(() -> SweepMerge.merge(List.of(file), false));
      assertThat(thrown).as(plan).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as(plan).contains(file.toString()).doesNotContain("\n");
    }
  }
}
