package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SweepMerge;
import io.steelmill.sim.SweepReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Simulation tests under JUnit's parallel execution and split into shards: seeds run at once
 * and keep their hashes; the shards' reports together are the whole run, seed for seed.
 */
class ParallelSeedsTest {
  private static final Map<String, String> PARALLEL = Map.of(
      "junit.jupiter.execution.parallel.enabled", "true",
      "junit.jupiter.execution.parallel.mode.default", "concurrent",
      "junit.jupiter.execution.parallel.config.strategy", "fixed",
      "junit.jupiter.execution.parallel.config.fixed.parallelism", "2");

  private static EngineExecutionResults run(Class<?> fixture, Map<String, String> settings) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(settings)
        .selectors(selectClass(fixture))
        .execute();
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> settings = new java.util.HashMap<>(base);
    settings.put(key, value);
    return settings;
  }

  private static List<String> identities(SweepReport report) {
    return report.results().stream().map(SeedResult::identity).toList();
  }

  @Test
  void seedsRunAtTheSameTimeWhenParallelExecutionIsOn(@TempDir Path reports) {
    // each seed waits at a barrier for the other: only passes if both run at once
    run(Fixtures.MeetAtABarrier.class, with(PARALLEL, SeedResults.REPORT_DIR_PROPERTY,
        reports.toString()))
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void parallelSeedsGiveTheHashesTheyGiveOneAtATime(@TempDir Path reports) throws Exception {
    Path sequential = reports.resolve("sequential");
    Path parallel = reports.resolve("parallel");
    run(Fixtures.BusyCluster.class, Map.of(SeedResults.REPORT_DIR_PROPERTY, sequential.toString()))
        .testEvents().assertStatistics(stats -> stats.succeeded(6));
    run(Fixtures.BusyCluster.class, with(PARALLEL, SeedResults.REPORT_DIR_PROPERTY, parallel.toString()))
        .testEvents().assertStatistics(stats -> stats.succeeded(6));

    List<String> one = identities(SweepReport.read(sequential));
    assertThat(one).hasSize(6);
    assertThat(identities(SweepReport.read(parallel))).isEqualTo(one);
  }

  @Test
  void theShardsTogetherAreTheWholeRunSeedForSeed(@TempDir Path reports) throws Exception {
    Path whole = reports.resolve("whole");
    run(Fixtures.BusyCluster.class, Map.of(SeedResults.REPORT_DIR_PROPERTY, whole.toString()));
    List<Path> shards = new ArrayList<>();
    List<Long> seedsSeen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Path shard = reports.resolve("shard-" + i);
      shards.add(shard);
      run(Fixtures.BusyCluster.class, Map.of(
          SeedResults.REPORT_DIR_PROPERTY, shard.toString(),
          SimulationExtension.SHARD_PROPERTY, i + "/4"));
      for (SeedResult result : SweepReport.read(shard).results()) {
        assertThat(Math.floorMod(result.seed(), 4)).as("seed %d in shard %d", result.seed(), i)
            .isEqualTo(i);
        seedsSeen.add(result.seed());
      }
    }
    assertThat(seedsSeen).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(identities(SweepMerge.merge(shards, false)))
        .isEqualTo(identities(SweepReport.read(whole)));
  }

  @Test
  void aFailingSeedIsListedWithItsReplayCommand(@TempDir Path reports) throws Exception {
    run(Fixtures.FailsForSeedThree.class,
        Map.of(SeedResults.REPORT_DIR_PROPERTY, reports.toString()));
    String failing = Files.readString(reports.resolve("failing-seeds.json"));
    assertThat(failing)
        .contains("\"seed\": 3")
        .contains("boom at seed 3")
        .contains("-Dsteelmill.seed=3")
        .doesNotContain("\"seed\": 1,");
    assertThat(Files.readString(reports.resolve("junit.xml")))
        .contains("name=\"seed=3\"")
        .contains("<failure message=\"");
  }

  @Test
  void badShardsAndSeedCountsAreOneLineErrors(@TempDir Path reports) {
    for (String bad : List.of("4/4", "-1/4", "1/0", "x/2", "1", "1/2/3", "", " ")) {
      var events = run(Fixtures.Counts.class, Map.of(
          SeedResults.REPORT_DIR_PROPERTY, reports.toString(),
          SimulationExtension.SHARD_PROPERTY, bad)).containerEvents();
      assertThat(events.failed().count()).as(bad).isPositive();
      Throwable error = events.failed().list().get(0)
          .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
          .getThrowable().orElseThrow();
      assertThat(error.getMessage()).as(bad).contains("-Dsteelmill.shard").contains("I/N");
    }
    for (String bad : List.of("0", "-3", "many")) {
      var events = run(Fixtures.Counts.class, Map.of(
          SeedResults.REPORT_DIR_PROPERTY, reports.toString(),
          SimulationExtension.SEEDS_PROPERTY, bad)).containerEvents();
      Throwable error = events.failed().list().get(0)
          .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
          .getThrowable().orElseThrow();
      assertThat(error.getMessage()).as(bad).contains("-Dsteelmill.seeds");
    }
  }

  @Test
  void aShardWithNoneOfAMethodsSeedsRunsNothingAndFailsNothing(@TempDir Path reports) {
    // Counts has seeds 1..6; with 10 shards, shard 9 holds none of them
    run(Fixtures.Counts.class, Map.of(
        SeedResults.REPORT_DIR_PROPERTY, reports.toString(),
        SimulationExtension.SHARD_PROPERTY, "9/10"))
        .allEvents()
        .assertStatistics(stats -> stats.failed(0));
  }
}
