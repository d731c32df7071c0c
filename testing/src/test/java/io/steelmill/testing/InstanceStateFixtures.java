package io.steelmill.testing;

import io.steelmill.sim.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulation tests that keep state in their test instance, as JUnit allows (a fresh instance per
 * invocation), run only by {@link HarnessRedTeam15bTest}.
 */
final class InstanceStateFixtures {
  private InstanceStateFixtures() {}

  /** A log in a field, filled by {@code @BeforeEach} and the body: deterministic per instance. */
  static class KeepsALogInItsInstance {
    private final List<String> log = new ArrayList<>();
    private int setUps;
    @TempDir Path scratch;

    @BeforeEach
    void setUp(TestInfo info) {
      setUps++;
      log.add("set up " + info.getDisplayName());
    }

    @AfterEach
    void tearDown() {
      log.clear();
    }

    @SimulationTest(seeds = 2)
    void logs(Simulation sim) throws Exception {
      if (setUps != 1 || scratch == null) {
        throw new AssertionError("set up " + setUps + " times, scratch " + scratch);
      }
      for (int i = 0; i < 3; i++) {
        log.add("tick");
        sim.trace("log holds " + log.size());
        sim.sleep(Duration.ofMillis(1));
      }
    }
  }

  /** The same in a nested class, whose instance needs its enclosing one. */
  static class Outer {
    final List<String> outerLog = new ArrayList<>();

    @Nested
    class Inner {
      private final List<String> log = new ArrayList<>();

      @SimulationTest(seeds = 1)
      void logs(Simulation sim) throws Exception {
        log.add("tick");
        sim.trace("log holds " + log.size() + ", outer " + outerLog.size());
        sim.sleep(Duration.ofMillis(1));
      }
    }
  }

  /**
   * Fails only when its fault set is right and its instance is fresh: a counter in the instance
   * decides whether the failure shows, so a shrink replay on the first run's instance saw
   * another test.
   */
  static class FailsOnItsFirstAttempt {
    private int attempts;

    @SimulationTest(seeds = 1, checkDeterminism = false)
    void fails(Simulation sim) throws Exception {
      attempts++;
      sim.sleep(Duration.ofMillis(1));
      if (attempts == 1) {
        throw new AssertionError("failed at attempt " + attempts);
      }
    }
  }
}
