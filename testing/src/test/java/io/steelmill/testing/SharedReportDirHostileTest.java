package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SweepMerge;
import io.steelmill.sim.SweepReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code -Dsteelmill.reportDir} given to every module of a build (one directory for CI to
 * upload): each module's test JVM wrote its report over the one before, so the failing seeds of
 * every module but the last were lost without a word. A run now keeps the results another test
 * JVM of the same sweep and shard wrote there, and still replaces an earlier run of its own
 * tests. Each run here is a test JVM of its own (a root context of its own).
 */
class SharedReportDirHostileTest {
  private static void run(Class<?> fixture, Path reports, String shard) {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameters(Map.of(SeedResults.REPORT_DIR_PROPERTY, reports.toString(),
            SimulationExtension.SHARD_PROPERTY, shard))
        .selectors(selectClass(fixture))
        .execute();
  }

  private static List<String> suites(SweepReport report) {
    return report.results().stream().map(SeedResult::suite).distinct().sorted().toList();
  }

  @Test
  void modulesWritingIntoOneDirectoryLoseNoFailingSeed(@TempDir Path dir) throws Exception {
    Path shared = dir.resolve("shared");
    run(Fixtures.FailsForSeedThree.class, shared, "1/2"); // "module one": seed 3 fails
    run(Fixtures.Counts.class, shared, "1/2"); // "module two"
    SweepReport report = SweepReport.read(shared);
    assertThat(suites(report)).hasSize(2);
    assertThat(report.failing()).extracting(SeedResult::seed).containsExactly(3L);
    run(Fixtures.Counts.class, shared, "1/2"); // module two again: replaces its own results
    assertThat(SweepReport.read(shared).results()).hasSameSizeAs(report.results());
    run(Fixtures.FailsForSeedThree.class, shared, "0/2"); // another shard: not this run's
    assertThat(suites(SweepReport.read(shared))).hasSize(1);

    Path other = dir.resolve("other"); // shard 1/2 of both modules, merged with the shared 0/2
    run(Fixtures.FailsForSeedThree.class, other, "1/2");
    run(Fixtures.Counts.class, other, "1/2");
    run(Fixtures.Counts.class, shared, "0/2");
    SweepReport merged = SweepMerge.merge(List.of(shared, other), false);
    assertThat(merged.results()).hasSize(4 + 6);
    assertThat(merged.failing()).extracting(SeedResult::seed).containsExactly(3L);
  }

  /**
   * A fixed report directory outlives a build: a partial rerun ({@code -Dtest=...}) kept the
   * results of every test it did not run from the build before, a failing seed of code since
   * changed among them. A report written before this build started is replaced.
   */
  @Test
  void aPartialRerunReplacesTheReportOfAnEarlierBuild(@TempDir Path dir) throws Exception {
    Instant buildStart = SeedResults.buildStart();
    assumeTrue(buildStart != null, "no build process above this test JVM to date a report by");
    Path shared = dir.resolve("shared");
    run(Fixtures.FailsForSeedThree.class, shared, "1/2"); // the earlier build: seed 3 fails
    Path results = shared.resolve("results.json");
    Files.setLastModifiedTime(results, FileTime.from(buildStart.minusSeconds(60)));
    run(Fixtures.Counts.class, shared, "1/2"); // this build reruns one test class
    SweepReport report = SweepReport.read(shared);
    assertThat(suites(report)).allMatch(suite -> suite.contains("Counts"));
    assertThat(report.failing()).isEmpty();
    run(Fixtures.FailsForSeedThree.class, shared, "1/2"); // the same build goes on: kept
    assertThat(suites(SweepReport.read(shared))).hasSize(2);
    assertThat(SeedResults.isFromAnEarlierBuild(results, null)).isFalse(); // not known: kept
  }
}
