package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SweepMerge;
import io.steelmill.sim.SweepReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The harness's {@code -Dsteelmill.*} settings under hostile values, as a CI template or a typo
 * gives them: each wrong value fails the run with one line naming the property, never a stack
 * trace of our own and never a silent default (an empty {@code -Dsteelmill.shard=$SHARD} would
 * otherwise run every seed in every shard). And shards of any split, more shards than seeds
 * included, add up to the whole run.
 */
class HarnessPropertiesHostileTest {
  private static EngineExecutionResults run(Path reports, String key, String value) {
    Map<String, String> settings = new HashMap<>();
    settings.put(SeedResults.REPORT_DIR_PROPERTY, reports.toString());
    settings.put(FreshJvmCheck.PROPERTY, "false"); // no child JVM: the settings are the subject
    if (key != null) {
      settings.put(key, value);
    }
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(settings)
        .selectors(selectClass(Fixtures.Counts.class))
        .execute();
  }

  private static Throwable firstFailure(EngineExecutionResults results) {
    List<Event> failed = new ArrayList<>(results.containerEvents().failed().list());
    failed.addAll(results.testEvents().failed().list());
    assertThat(failed).isNotEmpty();
    return failed.get(0).getPayload(TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
  }

  @Test
  void everyWrongSettingIsOneLineNamingIt(@TempDir Path reports) {
    Map<String, List<String>> wrong = Map.of(
        SimulationExtension.SHARD_PROPERTY, List.of("0/0", "3/2", "-1/2", "1/0", " ", "", "1/2/3",
            "99999999999/100000", "0/99999999999", "1 /", "١/٢", "+0/2", "0/2,1/2"),
        SimulationExtension.SEEDS_PROPERTY, List.of("", " ", "0", "-1", "1e3", "0x10", "6.0",
            "99999999999999999999", "six"),
        SimulationExtension.SEED_PROPERTY, List.of("", "\t", "abc", "1.5", "18446744073709551616"),
        FreshJvmCheck.PROPERTY, List.of("", "yes", "TRUE ", "1", "off"));
    for (Map.Entry<String, List<String>> property : wrong.entrySet()) {
      for (String value : property.getValue()) {
        String shown = property.getKey() + "=" + value;
        Throwable error = firstFailure(run(reports, property.getKey(), value));
        assertThat(error.getMessage()).as(shown).contains("-D" + property.getKey())
            .doesNotContain("\n");
        assertThat(error.getClass().getName()).as(shown)
            .isNotIn(NullPointerException.class.getName(), ClassCastException.class.getName());
      }
    }
  }

  @Test
  void shardsOfEverySplitAddUpToTheWholeRunEvenWithMoreShardsThanSeeds(@TempDir Path reports)
      throws Exception {
    Path whole = reports.resolve("whole");
    run(whole, null, null).testEvents().assertStatistics(stats -> stats.succeeded(6));
    List<String> expected =
        SweepReport.read(whole).results().stream().map(SeedResult::identity).toList();
    for (int count : new int[] {1, 5, 7}) {
      List<Path> shards = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Path shard = reports.resolve(count + "-" + i);
        shards.add(shard);
        run(shard, SimulationExtension.SHARD_PROPERTY, i + "/" + count)
            .allEvents().assertStatistics(stats -> stats.failed(0));
      }
      assertThat(SweepMerge.merge(shards, false).results().stream().map(SeedResult::identity))
          .as("%d shards", count).containsExactlyElementsOf(expected);
    }
  }
}
