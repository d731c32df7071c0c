package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The red team of 2026-12-01 (redteam15b) against issue 5's harness. JUnit gives every
 * invocation a fresh test instance, so a test may keep state in its fields; the determinism
 * check's second run (and every shrink replay) called the method again on the first run's
 * instance, which still held what that run left. A deterministic test then failed "Determinism
 * check failed ... static state shared between runs" (it had none), and a shrink replay saw
 * another test than the one that failed. Each rerun now gets an instance of its own, made as
 * JUnit makes one: the constructor (an enclosing instance for a nested class), and the class's
 * {@code @BeforeEach} and {@code @AfterEach} methods run around it ({@link FreshInstanceTest}:
 * what each kind of field gets, and per-class instances).
 */
class HarnessRedTeam15bTest {
  /** Runs {@code fixture}'s tests with the harness, reports in {@code reports}. */
  static Events run(Class<?> fixture, Path reports) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(Map.of(SeedResults.REPORT_DIR_PROPERTY, reports.toString(),
            FreshJvmCheck.PROPERTY, "false"))
        .selectors(selectClass(fixture)).execute().testEvents();
  }

  /** What the failed tests of {@code events} threw, a line each. */
  static String failures(Events events) {
    StringBuilder out = new StringBuilder();
    events.failed().list().forEach(e -> out.append(e.getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse(""))
        .append('\n'));
    return out.toString();
  }

  @Test
  void theDeterminismCheckRunsAgainOnAFreshInstance(@TempDir Path reports) {
    Events events = run(InstanceStateFixtures.KeepsALogInItsInstance.class, reports);
    assertThat(failures(events)).isEmpty();
    events.assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void aNestedTestsRerunGetsAFreshInnerInstance(@TempDir Path reports) {
    Events events = run(InstanceStateFixtures.Outer.Inner.class, reports);
    assertThat(failures(events)).isEmpty();
    events.assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  /**
   * The failure needs a fresh instance to show: a shrink replay on the failed run's instance
   * passed, so the failure was reported as not reproducible by its own faults.
   */
  @Test
  void shrinkReplaysRunOnAFreshInstance(@TempDir Path reports) {
    Events events = run(InstanceStateFixtures.FailsOnItsFirstAttempt.class, reports);
    events.assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(events)).contains("failed at attempt 1", "Shrunk: 0 of 0 faults")
        .doesNotContain("not shrunk");
  }
}
