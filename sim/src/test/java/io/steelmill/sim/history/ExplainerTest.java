package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The smallest non-linearizable part: found in long histories full of timed-out writes (the
 * shape a replicated store under faults produces), bounded by search steps so it is the same on
 * every run, and sound.
 */
class ExplainerTest {
  private static final Model KV = Models.named("kv");

  /**
   * One key, {@code writes} sequential puts by rotating processes, every {@code infoEvery}th one
   * timed out (and its process replaced), reads of the latest value between them, and at the end
   * a read of value {@code stale} after the last put completed.
   */
  private static List<Event> staleReadAtTheEnd(int writes, int infoEvery, int stale) {
    List<Event> events = new ArrayList<>();
    long process = 0;
    for (int i = 0; i < writes; i++) {
      String value = "v" + i;
      events.add(new Event(process, EventType.INVOKE, "put", value, "k", -1));
      if (i % infoEvery == infoEvery - 1) {
        events.add(new Event(process, EventType.INFO, "put", value, "k", -1));
        process += 10;
        continue;
      }
      events.add(new Event(process, EventType.OK, "put", value, "k", -1));
      long reader = process + 1;
      events.add(new Event(reader, EventType.INVOKE, "get", null, "k", -1));
      events.add(new Event(reader, EventType.OK, "get", value, "k", -1));
    }
    long reader = process + 2;
    events.add(new Event(reader, EventType.INVOKE, "get", null, "k", -1));
    events.add(new Event(reader, EventType.OK, "get", "v" + stale, "k", -1));
    return events;
  }

  private static CheckResult check(List<Event> events) {
    return new LinearizabilityChecker(KV, Duration.ofSeconds(30)).check(events);
  }

  @Test
  void aStaleReadAmongManyTimedOutWritesShrinksToThreeOperations() {
    CheckResult result = check(staleReadAtTheEnd(400, 3, 250));
    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    Violation violation = result.violation();
    assertThat(violation.minimal()).isTrue();
    List<String> core = violation.core().stream().map(KV::describe).toList();
    // the stale value's write, a later completed write, and the read
    assertThat(core).hasSize(3).contains("put \"k\" \"v250\"").contains("get \"k\" -> \"v250\"");
    assertThat(result.describe()).contains("whatever the others did")
        .doesNotContain("not minimized");
  }

  @Test
  void theExplanationIsTheSameEveryTime() {
    for (long seed = 1; seed <= 30; seed++) {
      List<Event> events = RandomHistories.mutated(seed, "cas-register", 5, 80);
      if (events == null) {
        continue;
      }
      Model model = Models.named("cas-register");
      CheckResult first = new LinearizabilityChecker(model, Duration.ofSeconds(30)).check(events);
      CheckResult second = new LinearizabilityChecker(model, Duration.ofSeconds(30)).check(events);
      assertThat(second.describe()).as("seed %d", seed).isEqualTo(first.describe());
    }
  }

  @Test
  void mostRandomViolationsAreShownMinimal() {
    int violations = 0;
    int minimal = 0;
    for (long seed = 1; seed <= 12; seed++) {
      for (String name : Models.NAMES) {
        List<Event> events = RandomHistories.mutated(seed, name, 5, 60);
        if (events == null) {
          continue;
        }
        CheckResult result =
            new LinearizabilityChecker(Models.named(name), Duration.ofSeconds(30)).check(events);
        assertThat(result.verdict()).as("seed %d, %s", seed, name)
            .isEqualTo(Verdict.NOT_LINEARIZABLE);
        violations++;
        minimal += result.violation().minimal() ? 1 : 0;
      }
    }
    assertThat(minimal).as("%d of %d minimal", minimal, violations)
        .isGreaterThanOrEqualTo(violations * 3 / 4);
  }

  @Test
  void unobservedTimedOutWritesAreLeftOutAndObservedOnesKept() {
    List<Event> events = new ArrayList<>();
    events.add(new Event(0, EventType.INVOKE, "put", "a", "k", -1));
    events.add(new Event(0, EventType.INFO, "put", "a", "k", -1));
    events.add(new Event(1, EventType.INVOKE, "put", "b", "k", -1));
    events.add(new Event(1, EventType.INFO, "put", "b", "k", -1));
    events.add(new Event(2, EventType.INVOKE, "get", null, "k", -1));
    events.add(new Event(2, EventType.OK, "get", "b", "k", -1));
    List<Operation> ops = Operations.partitioned(events, KV).get("k");
    assertThat(ops).extracting(Operation::input).containsExactly("b", null);
    assertThat(check(events).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    // an append reads the state: nothing is left out beside one
    events.add(new Event(3, EventType.INVOKE, "append", "c", "k", -1));
    events.add(new Event(3, EventType.INFO, "append", "c", "k", -1));
    assertThat(Operations.partitioned(events, KV).get("k")).hasSize(4);
  }
}
