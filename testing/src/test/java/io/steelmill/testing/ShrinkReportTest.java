package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A failing seed's report names the fewest faults that still fail it and the command that
 * replays just those ({@code -Dsteelmill.faults}), and a picture is written beside it; the
 * replay with those faults fails again, and with one of them left out passes.
 */
class ShrinkReportTest {
  private static String failureMessage(Event event) {
    return event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElse("");
  }

  private static Events replay(String seed, String faults) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(ShrinkFixtures.DropAndCorrupt.class, "corruptAfterLoss",
            io.steelmill.sim.Simulation.class.getName()))
        .configurationParameter("steelmill.seed", seed)
        .configurationParameter("steelmill.faults", faults)
        .execute().testEvents();
  }

  @Test
  void theReportNamesTheTwoFaultsTheBugNeedsAndTheirReplayCommand() throws Exception {
    Events events = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(ShrinkFixtures.DropAndCorrupt.class)).execute().testEvents();
    assertThat(events.failed().count()).as("seeds 1..300 hit the planted bug").isPositive();
    Event failed = events.failed().list().get(0);
    String message = failureMessage(failed);
    String seed = failed.getTestDescriptor().getDisplayName().replace("seed=", "");

    Matcher shrunk = Pattern.compile("Shrunk: 2 of (\\d+) faults \\(([a-z0-9,]+)\\), \\d+"
        + " replays, 1-minimal").matcher(message);
    assertThat(shrunk.find()).as(message).isTrue();
    assertThat(Integer.parseInt(shrunk.group(1))).isGreaterThan(4);
    String faults = shrunk.group(2);
    assertThat(faults).matches("b\\d+,d\\d+");
    assertThat(message).contains("Replay shrunk: ./mvnw -Psimulation -pl testing -am test"
        + " '-Dtest=io.steelmill.testing.ShrinkFixtures$DropAndCorrupt#corruptAfterLoss'"
        + " -Dsteelmill.seed=" + seed + " -Dsurefire.failIfNoSpecifiedTests=false"
        + " -Dsteelmill.faults=" + faults);
    Path picture = Path.of("target/steelmill-reports/io.steelmill.testing.ShrinkFixtures"
        + "$DropAndCorrupt/corruptAfterLoss/seed-" + seed + ".html");
    assertThat(message).contains("Picture: " + picture.toAbsolutePath() + " (2 faults)");
    assertThat(Files.readString(picture)).contains("<svg").contains("data-fault-id=\""
        + faults.split(",")[0] + "\"");

    Events again = replay(seed, faults);
    again.assertStatistics(stats -> stats.started(1).failed(1));
    Events fewer = replay(seed, faults.split(",")[1]);
    fewer.assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aBadFaultListIsRefusedBeforeAnySeedRuns() {
    Events events = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(ShrinkFixtures.DropAndCorrupt.class))
        .configurationParameter("steelmill.faults", "f1,,x2").execute().containerEvents();
    assertThat(events.failed().count()).isEqualTo(1);
    assertThat(failureMessage(events.failed().list().get(0)))
        .startsWith("-Dsteelmill.faults: \"\" is not a fault id");
  }
}
