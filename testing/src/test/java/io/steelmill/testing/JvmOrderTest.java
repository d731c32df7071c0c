package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The determinism self-check catches orders the JVM decides in user code: identity hashes and
 * thread ids (moved before the second run in this JVM), and the per-JVM salt of {@code Set.of}
 * and {@code Map.of} (seen only by the run in a fresh JVM). Issue 14, item 3.
 */
class JvmOrderTest {

  private static Events run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
  }

  private static String failureMessage(Event event) {
    return event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElse("");
  }

  private static String theFailure(Class<?> fixture) {
    Events events = run(fixture);
    events.assertStatistics(stats -> stats.started(1).failed(1));
    String message = failureMessage(events.failed().list().get(0));
    assertThat(message).contains("Determinism check failed: seed=1 run again")
        .contains("First difference, at event");
    return message;
  }

  @Test
  void aHashSetOfThreadsIsCaughtInThisJvm() {
    assertThat(theFailure(JvmOrderFixtures.IteratesAHashSetOfThreads.class))
        .contains("in this JVM (thread ids and identity hashes moved)")
        .containsPattern("first run: +t=\\d+ visit n\\d+/task");
  }

  @Test
  void aMapKeyedByThreadIdsIsCaught() {
    assertThat(theFailure(JvmOrderFixtures.IteratesAMapKeyedByThreadId.class))
        .containsPattern("first run: +t=\\d+ visit n\\d+/task");
  }

  /**
   * The run in a fresh JVM catches a salted order only when that JVM's salt differs from this
   * one's where it matters: rarely, two JVMs iterate alike. Each try starts another fresh JVM;
   * three that all agree with this one (well under one in a million) fail the test.
   */
  private static String theFailureOfSomeFreshJvm(Class<?> fixture) {
    for (int attempt = 1; attempt < 3; attempt++) {
      Events events = run(fixture);
      if (events.failed().count() == 1) {
        return failureMessage(events.failed().list().get(0));
      }
    }
    return theFailure(fixture);
  }

  @Test
  void setOfOrderIsCaughtByTheRunInAFreshJvm() {
    assertThat(theFailureOfSomeFreshJvm(JvmOrderFixtures.IteratesSetOf.class))
        .contains("in a fresh JVM")
        .containsPattern("first run: +t=\\d+ order host-");
  }

  @Test
  void mapOfOrderIsCaughtByTheRunInAFreshJvm() {
    assertThat(theFailureOfSomeFreshJvm(JvmOrderFixtures.IteratesMapOfEntries.class))
        .contains("in a fresh JVM")
        .contains("first run:  t=0 order k");
  }

  @Test
  void codeThatSortsWhatItIteratesPassesBothRuns() {
    run(JvmOrderFixtures.SortsWhatItIterates.class)
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void theRunInAFreshJvmCanBeTurnedOff() {
    System.setProperty(FreshJvmCheck.PROPERTY, "false");
    try {
      run(JvmOrderFixtures.IteratesSetOf.class).assertStatistics(stats -> stats.succeeded(1));
    } finally {
      System.clearProperty(FreshJvmCheck.PROPERTY);
    }
  }
}
