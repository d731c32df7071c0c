package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seeded property tests: generated histories with known verdicts, and a brute-force oracle. */
class LinearizabilityPropertyTest {
  private static final List<String> MODELS = Models.NAMES;

  private static CheckResult check(String model, List<Event> events) {
    return new LinearizabilityChecker(Models.named(model), Duration.ofSeconds(20)).check(events);
  }

  @Test
  void historiesOfARealSequentialObjectAreLinearizable() {
    for (long seed = 1; seed <= 300; seed++) {
      for (String model : MODELS) {
        List<Event> events = RandomHistories.linearizable(seed, model, 5, 120);
        assertThat(check(model, events).verdict())
            .as("seed %d, model %s", seed, model).isEqualTo(Verdict.LINEARIZABLE);
      }
    }
  }

  @Test
  void aReadOfAnImpossibleValueIsFoundAndExplainedSoundly() {
    int mutated = 0;
    List<Integer> cores = new ArrayList<>();
    for (long seed = 1; seed <= 40; seed++) {
      for (String model : MODELS) {
        List<Event> events = RandomHistories.mutated(seed, model, 5, 60);
        if (events == null) {
          continue;
        }
        mutated++;
        // the explanation is bounded by its step budget, not by time: 300 ms of real time
        // made how minimal the cores are depend on the machine's load
        CheckResult result = new LinearizabilityChecker(Models.named(model),
            Duration.ofSeconds(20), Duration.ofSeconds(60)).check(events);
        assertThat(result.verdict()).as("seed %d, model %s", seed, model)
            .isEqualTo(Verdict.NOT_LINEARIZABLE);
        Violation violation = result.violation();
        assertThat(violation.core()).as("seed %d", seed).contains(violation.stuck());
        // the core alone, every other operation dropped, is still not linearizable
        Model m = Models.named(model);
        List<Operation> core = Operations.renumbered(violation.core());
        boolean coreLinearizable = core.size() <= 8
            ? BruteForce.linearizable(m, Map.of("core", core))
            : new LinearizationSearch(m, core, false).run(Long.MAX_VALUE)
                == LinearizationSearch.Outcome.LINEARIZABLE;
        assertThat(coreLinearizable).as("seed %d, model %s: core %s", seed, model, core).isFalse();
        cores.add(core.size());
      }
    }
    assertThat(mutated).isGreaterThan(100);
    // minimization works: most cores are a handful of operations, not the whole prefix
    assertThat(cores.stream().filter(size -> size <= 8).count()).isGreaterThan(mutated * 6L / 10);
  }

  @Test
  void agreesWithTheDefinitionOnTinyRandomHistories() {
    int illegal = 0;
    for (long seed = 1; seed <= 3000; seed++) {
      String model = MODELS.get((int) (seed % MODELS.size()));
      List<Event> events = tiny(seed, model);
      boolean expected = BruteForce.linearizable(Models.named(model), events);
      CheckResult result = check(model, events);
      assertThat(result.linearizable()).as("seed %d, model %s: %s", seed, model, events)
          .isEqualTo(expected);
      illegal += expected ? 0 : 1;
    }
    assertThat(illegal).as("the generator makes both verdicts").isBetween(300, 2700);
  }

  /** A few random operations with random results: linearizable or not, by chance. */
  private static List<Event> tiny(long seed, String model) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    List<Event> events = new ArrayList<>();
    List<Long> open = new ArrayList<>();
    List<Event> invoked = new ArrayList<>();
    int total = 2 + random.nextInt(6);
    int started = 0;
    while (started < total || !open.isEmpty()) {
      if (started < total && (open.isEmpty() || random.nextBoolean()) && open.size() < 3) {
        long process = started++;
        Event invoke = tinyInvoke(random, model, process);
        events.add(invoke);
        open.add(process);
        invoked.add(invoke);
      } else {
        int i = random.nextInt(open.size());
        long process = open.remove(i);
        Event invoke = invoked.get((int) process);
        int kind = random.nextInt(10);
        EventType type = kind == 0 ? EventType.INFO : kind == 1 ? EventType.FAIL : EventType.OK;
        Object value = invoke.value();
        if (invoke.f().equals("read")) {
          value = random.nextInt(3) == 0 ? null : (long) random.nextInt(3);
        } else if (invoke.f().equals("get")) {
          value = List.of("", "a", "b", "ab", "ba").get(random.nextInt(5));
        }
        events.add(new Event(process, type, invoke.f(), value, invoke.key(), -1));
      }
    }
    return events;
  }

  private static Event tinyInvoke(java.util.SplittableRandom random, String model, long process) {
    int kind = random.nextInt(model.equals("cas-register") ? 3 : 2);
    if (model.equals("kv")) {
      String f = kind == 0 ? "get" : random.nextBoolean() ? "put" : "append";
      Object value = kind == 0 ? null : random.nextBoolean() ? "a" : "b";
      return new Event(process, EventType.INVOKE, f, value, "k", -1);
    }
    return switch (kind) {
      case 0 -> new Event(process, EventType.INVOKE, "read", null, null, -1);
      case 1 -> new Event(process, EventType.INVOKE, "write", (long) random.nextInt(3), null, -1);
      default -> new Event(process, EventType.INVOKE, "cas", List.of(
          (long) random.nextInt(3),
          (long) random.nextInt(3)), null, -1);
    };
  }
}
