package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.steelmill.sim.SimCluster;
import io.steelmill.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

class SimulationExtensionTest {

  @SimulationTest(factory = Echo.class, nodes = 3, seeds = 5)
  void clusterHostsAndDaemonsAreInjected(
      Simulation sim, SimCluster<?, ?> cluster, @Host("n0") SteelmillEcho n0, @Host("n1") Echo.Client client)
      throws Exception {
    sim.sleep(Duration.ofSeconds(1));
    assertThat(client.replies()).isPositive();
    assertThat(n0.client().replies()).isPositive();
    assertThat(cluster.names()).containsExactly("n0", "n1", "n2");
  }

  private static Events run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
  }

  private static String failureMessage(Event event) {
    return event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElse("");
  }

  @Test
  void aFailingSeedIsNamedWithItsReplayCommandAndReport() throws Exception {
    Events events = run(Fixtures.FailsForSeedThree.class);

    events.assertStatistics(stats -> stats.started(4).succeeded(3).failed(1));
    Event failed = events.failed().list().get(0);
    assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("seed=3");
    String message = failureMessage(failed);
    assertThat(message)
        .contains("Simulation failed: seed=3 at virtual time PT0.005S")
        .contains("Replay: ./mvnw -Psimulation -pl testing -am test"
            + " '-Dtest=io.steelmill.testing.Fixtures$FailsForSeedThree#boom' -Dsteelmill.seed=3"
            + " -Dsurefire.failIfNoSpecifiedTests=false\n")
        .contains("failure: java.lang.AssertionError: boom at seed 3")
        .contains("last trace events:");
    Path report = Path.of("target/steelmill-reports/io.steelmill.testing.Fixtures$FailsForSeedThree/boom/seed-3.txt");
    assertThat(Files.readString(report)).contains("Replay:");
  }

  @Test
  void aHistoryThatIsNotLinearizableFailsTheSeedAndIsWrittenBesideTheReport() throws Exception {
    Events events = run(Fixtures.StaleReadAtSeedTwo.class);

    events.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    Event failed = events.failed().list().get(0);
    assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("seed=2");
    assertThat(failureMessage(failed))
        .contains("History check failed: seed=2, model register, 4 events: not linearizable")
        .contains("cannot place: process 1: read -> nil")
        .contains("'-Dtest=io.steelmill.testing.Fixtures$StaleReadAtSeedTwo#staleRead'"
            + " -Dsteelmill.seed=2");
    Path dir = Path.of("target/steelmill-reports/io.steelmill.testing.Fixtures$StaleReadAtSeedTwo"
        + "/staleRead");
    assertThat(io.steelmill.sim.history.HistoryFormat.read(dir.resolve("seed-2.history.edn"))
        .events()).hasSize(4);
    assertThat(Files.readString(dir.resolve("seed-2.verdict.txt"))).startsWith("not linearizable");
    assertThat(dir.resolve("seed-1.history.edn")).doesNotExist();
  }

  @Test
  void staticStateLeakingBetweenRunsFailsTheDeterminismCheckWithTheFirstDifference() {
    // (a wall-clock read no longer does: the simulation agent makes it virtual)
    Events events = run(Fixtures.LeaksStaticState.class);

    events.assertStatistics(stats -> stats.failed(1));
    assertThat(failureMessage(events.failed().list().get(0)))
        .contains("Determinism check failed: seed=1 run again in this JVM")
        .contains("First difference, at event")
        .contains("first run:  t=0 tick 0")
        .contains("second run: t=0 tick 5")
        .contains("static state shared between runs");
  }

  @Test
  void aHangIsReportedWithTheBlockedTask() {
    Events events = run(Fixtures.Hangs.class);

    assertThat(failureMessage(events.failed().list().get(0)))
        .contains("Hang: nothing can run and nothing is pending")
        .contains("#0 main WAITING")
        .contains("Fixtures$Hangs.waitsForever");
  }

  @Test
  void seedsAndReplayFollowTheSystemProperties() {
    List<String> names;
    System.setProperty(SimulationExtension.SEED_PROPERTY, "17");
    try {
      names = run(Fixtures.Counts.class).started().list().stream()
          .map(e -> e.getTestDescriptor().getDisplayName()).toList();
    } finally {
      System.clearProperty(SimulationExtension.SEED_PROPERTY);
    }
    assertThat(names).containsExactly("seed=17");

    System.setProperty(SimulationExtension.SEEDS_PROPERTY, "3");
    try {
      run(Fixtures.Counts.class).assertStatistics(stats -> stats.started(3).succeeded(3));
    } finally {
      System.clearProperty(SimulationExtension.SEEDS_PROPERTY);
    }
  }

  @Test
  void aProductionFactorySaysSoInOneLine() {
    Events events =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(Fixtures.RunsAProductionFactory.class))
            .execute()
            .allEvents();

    Event failed = events.failed().list().get(0);
    Throwable error =
        failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
            .orElseThrow();
    assertThat(error).isInstanceOf(SimulationSetupException.class);
    assertThat(error.getMessage())
        .isEqualTo("ProductionBuilt: this factory was generated for production mode, so this"
            + " simulation test cannot run in this build. Fix: run it in simulation mode (from "
            + ReplayCommand.quoted(ReplayCommand.here().root().toString()) + "): ./mvnw"
            + " -Psimulation -pl testing -am test"
            + " '-Dtest=io.steelmill.testing.Fixtures$RunsAProductionFactory#run'"
            + " -Dsurefire.failIfNoSpecifiedTests=false")
        .doesNotContain("\n");
    assertThat(error.getStackTrace()).isEmpty();
    assertThat(events.started().list()).noneMatch(e -> e.getTestDescriptor().getDisplayName().startsWith("seed="));
  }
}
