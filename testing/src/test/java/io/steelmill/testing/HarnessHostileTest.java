package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SweepReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The harness against what {@link HarnessPropertiesHostileTest} leaves out: hostile {@link
 * SimulationTest} attributes (no seeds, two billion seeds, durations that are not durations,
 * unknown models, no nodes) each fail before any seed runs, in one line naming the attribute;
 * seed counts and seeds in other scripts' digits or beyond the bound are refused; and every
 * replay command a failure prints, taken from the report and run, replays that exact seed: the
 * same seed, the same failure, the same trace hash, with the faults the run was limited to.
 */
class HarnessHostileTest {
  private static EngineExecutionResults run(Path reports, Map<String, String> extra,
      DiscoverySelector selector) {
    Map<String, String> settings = new HashMap<>();
    settings.put(SeedResults.REPORT_DIR_PROPERTY, reports.toString());
    settings.put(FreshJvmCheck.PROPERTY, "false");
    settings.putAll(extra);
    return EngineTestKit.engine("junit-jupiter").configurationParameters(settings)
        .selectors(selector).execute();
  }

  private static List<Throwable> failures(EngineExecutionResults results) {
    List<Event> failed = new ArrayList<>(results.containerEvents().failed().list());
    failed.addAll(results.testEvents().failed().list());
    return failed.stream().map(e -> e.getPayload(TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow()).toList();
  }

  private static long seedsStarted(EngineExecutionResults results) {
    return results.testEvents().started().list().stream()
        .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("seed=")).count();
  }

  @Test
  void everyHostileAttributeFailsBeforeAnySeedInOneLineNamingIt(@TempDir Path reports) {
    Map<Class<?>, String> cases = new LinkedHashMap<>();
    cases.put(HostileFixtures.NoSeeds.class, "@SimulationTest(seeds = 0)");
    cases.put(HostileFixtures.NegativeSeeds.class, "@SimulationTest(seeds = -3)");
    cases.put(HostileFixtures.EndlessSeeds.class, "@SimulationTest(seeds = 2147483647)");
    cases.put(HostileFixtures.EmptyVirtualTime.class, "@SimulationTest(maxVirtualTime = \"\")");
    cases.put(HostileFixtures.NegativeVirtualTime.class, "maxVirtualTime = \"PT-5S\"");
    cases.put(HostileFixtures.ZeroVirtualTime.class, "maxVirtualTime = \"0s\"");
    cases.put(HostileFixtures.WordVirtualTime.class, "maxVirtualTime = \"banana\"");
    cases.put(HostileFixtures.IsoGarbageVirtualTime.class, "maxVirtualTime = \"PXT\"");
    cases.put(HostileFixtures.ForeignDigitsVirtualTime.class, "maxVirtualTime = \"\u0665s\"");
    cases.put(HostileFixtures.EmptyCheckTimeout.class, "checkTimeout = \"\"");
    cases.put(HostileFixtures.NegativeCheckTimeout.class, "checkTimeout = \"-1s\"");
    cases.put(HostileFixtures.UnknownModel.class, "linearizable = \"regsiter\"");
    cases.put(HostileFixtures.NoNodes.class, "@SimulationTest(nodes = 0)");
    cases.put(HostileFixtures.NegativeNodes.class, "@SimulationTest(nodes = -2)");
    cases.put(HostileFixtures.MillionNodes.class, "@SimulationTest(nodes = 1000000)");
    for (Map.Entry<Class<?>, String> entry : cases.entrySet()) {
      String shown = entry.getKey().getSimpleName();
      EngineExecutionResults results = run(reports, Map.of(), selectClass(entry.getKey()));
      List<Throwable> failures = failures(results);
      assertThat(failures).as(shown).hasSize(1);
      assertThat(failures.get(0)).as(shown).isInstanceOf(SimulationSetupException.class);
      assertThat(failures.get(0).getMessage()).as(shown).contains(entry.getValue())
          .contains("Fix:").doesNotContain("\n");
      assertThat(seedsStarted(results)).as(shown + ": seeds run").isZero();
    }
    assertThat(HostileFixtures.UnknownModel.seedsRun).isZero();
  }

  @Test
  void seedSettingsInOtherDigitsOrBeyondTheBoundAreRefused(@TempDir Path reports) {
    Map<String, List<String>> wrong = Map.of(
        SimulationExtension.SEEDS_PROPERTY, List.of("1000001", "1000000000000", "\u0665",
            "\uff15", "+5", "\u0967\u0966", "2147483648", "9223372036854775807"),
        SimulationExtension.SEED_PROPERTY, List.of("\u0661\u0667", "+17", "\uff11", "1_7",
            "--17", "0x11"));
    for (Map.Entry<String, List<String>> property : wrong.entrySet()) {
      for (String value : property.getValue()) {
        String shown = property.getKey() + "=" + value;
        EngineExecutionResults results = run(reports, Map.of(property.getKey(), value),
            selectClass(Fixtures.Counts.class));
        List<Throwable> failures = failures(results);
        assertThat(failures).as(shown).isNotEmpty();
        assertThat(failures.get(0).getMessage()).as(shown)
            .contains("-D" + property.getKey()).doesNotContain("\n");
        if (property.getKey().equals(SimulationExtension.SEEDS_PROPERTY)) {
          assertThat(failures.get(0).getMessage()).as(shown).contains("1 to 1000000");
        }
        assertThat(seedsStarted(results)).as(shown).isZero();
      }
    }
    // the bound itself and negative seeds are fine
    assertThat(failures(run(reports, Map.of(SimulationExtension.SEED_PROPERTY,
        "-9223372036854775808"), selectClass(Fixtures.Counts.class)))).isEmpty();
  }

  private static final Pattern REPLAY = Pattern.compile(
      "'?-Dtest=([^#']+)#([^' ]+)'? -Dsteelmill\\.seed=(-?[0-9]+)"
          + "(?: -Dsurefire\\.failIfNoSpecifiedTests=false)?(?: -Dsteelmill\\.faults=(\\S+))?$");

  /** Runs the replay command of every failing seed in {@code reports} and compares. */
  private static int replayEach(Path reports, Path scratch, Map<String, String> settings)
      throws Exception {
    List<SeedResult> failing = SweepReport.read(reports).failing();
    for (SeedResult failed : failing) {
      String replay = failed.replay();
      Matcher matcher = REPLAY.matcher(replay);
      assertThat(matcher.find()).as(replay).isTrue();
      assertThat(Long.parseLong(matcher.group(3))).as(replay).isEqualTo(failed.seed());
      Map<String, String> again = new HashMap<>();
      again.put(SimulationExtension.SEED_PROPERTY, matcher.group(3));
      if (matcher.group(4) != null) {
        again.put(SimulationExtension.FAULTS_PROPERTY, matcher.group(4));
      }
      assertThat(matcher.group(4)).as(replay)
          .isEqualTo(settings.get(SimulationExtension.FAULTS_PROPERTY));
      Path out = scratch.resolve("replay-" + failed.seed());
      EngineExecutionResults results = run(out, again,
          selectMethod(Class.forName(matcher.group(1)), matcher.group(2),
              failed.suite().contains("FailsUnderFaults")
                  ? "io.steelmill.sim.Simulation,io.steelmill.sim.SimCluster"
                  : "io.steelmill.sim.Simulation"));
      List<Throwable> failures = failures(results);
      assertThat(failures).as(replay).hasSize(1);
      assertThat(failures.get(0).getMessage()).as(replay)
          .contains("seed=" + failed.seed()).contains("Replay: ").contains(replay);
      List<SeedResult> replayed = SweepReport.read(out).results();
      assertThat(replayed).as(replay).hasSize(1);
      assertThat(replayed.get(0).identity()).as(replay).isEqualTo(failed.identity());
      assertThat(replayed.get(0).failure()).as(replay).isEqualTo(failed.failure());
    }
    return failing.size();
  }

  @Test
  void everyPrintedReplayCommandReplaysThatExactSeed(@TempDir Path dir) throws Exception {
    Path odd = dir.resolve("odd");
    run(odd, Map.of(), selectClass(HostileFixtures.FailsOnOddSeeds.class));
    assertThat(replayEach(odd, dir.resolve("odd-replays"), Map.of())).isEqualTo(3);

    Path top = dir.resolve("top");
    run(top, Map.of(), selectClass(HostileFixtures.FailsAtTheTop.class));
    List<Long> seeds = SweepReport.read(top).results().stream().map(SeedResult::seed).toList();
    assertThat(seeds).contains(Long.MAX_VALUE, Long.MIN_VALUE); // wrapped past the top
    assertThat(replayEach(top, dir.resolve("top-replays"), Map.of())).isEqualTo(3);

    Path sharded = dir.resolve("sharded");
    run(sharded, Map.of(SimulationExtension.SHARD_PROPERTY, "1/2"),
        selectClass(HostileFixtures.FailsOnOddSeeds.class));
    assertThat(replayEach(sharded, dir.resolve("sharded-replays"), Map.of())).isEqualTo(3);
  }

  /**
   * A run limited to some faults ({@code -Dsteelmill.faults}, as a shrink's replay gives it)
   * prints a replay command with the same limit: without it the seed would run with all its
   * faults, another trace.
   */
  @Test
  void aReplayOfARunLimitedToSomeFaultsKeepsTheLimit(@TempDir Path dir) throws Exception {
    Path all = dir.resolve("all");
    run(all, Map.of(), selectClass(HostileFixtures.FailsUnderFaults.class));
    Map<String, String> none = Map.of(SimulationExtension.FAULTS_PROPERTY, "none");
    Path limited = dir.resolve("limited");
    run(limited, none, selectClass(HostileFixtures.FailsUnderFaults.class));
    List<SeedResult> withAll = SweepReport.read(all).results();
    List<SeedResult> withNone = SweepReport.read(limited).results();
    assertThat(withNone).hasSameSizeAs(withAll).hasSize(2);
    for (int i = 0; i < withAll.size(); i++) {
      assertThat(withNone.get(i).traceSha256()).as("the faults decide the trace")
          .isNotEqualTo(withAll.get(i).traceSha256());
    }
    assertThat(replayEach(limited, dir.resolve("limited-replays"), none)).isEqualTo(2);
    assertThat(replayEach(all, dir.resolve("all-replays"), Map.of())).isEqualTo(2);
  }
}
