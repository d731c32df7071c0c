package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
  private static CheckResult check(String model, String edn) {
    return new LinearizabilityChecker(Models.named(model), Duration.ofSeconds(10))
        .check(HistoryFormat.parse(edn));
  }

  @Test
  void overlappingWriteAndReadsAreLinearizable() {
    CheckResult result = check("register", """
        {:process 0, :type :invoke, :f :write, :value 1}
        {:process 1, :type :invoke, :f :read, :value nil}
        {:process 1, :type :ok, :f :read, :value 1}
        {:process 2, :type :invoke, :f :read, :value nil}
        {:process 2, :type :ok, :f :read, :value 1}
        {:process 0, :type :ok, :f :write, :value 1}
        """);
    assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(result.operations()).isEqualTo(3);
  }

  @Test
  void aReadThatGoesBackInTimeIsNot() {
    CheckResult result = check("register", """
        {:process 0, :type :invoke, :f :write, :value 1}
        {:process 0, :type :ok, :f :write, :value 1}
        {:process 1, :type :invoke, :f :read, :value nil}
        {:process 1, :type :ok, :f :read, :value 1}
        {:process 2, :type :invoke, :f :read, :value nil}
        {:process 2, :type :ok, :f :read, :value nil}
        """);
    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    Violation violation = result.violation();
    assertThat(violation.stuck().output()).isNull();
    assertThat(violation.stuck().process()).isEqualTo(2);
    // the read of 1 is not needed: after the write, nil is gone
    assertThat(violation.core()).hasSize(2).contains(violation.stuck());
    assertThat(violation.core().get(0).f()).isEqualTo("write");
    assertThat(violation.statesTried()).containsExactly(1L);
    assertThat(violation.minimal()).isTrue();
    assertThat(result.describe()).contains("not linearizable", "cannot place: process 2: read"
        + " -> nil", "model states tried for it: 1", "process 0: write 1  (events 1..2)");
  }

  @Test
  void failedOperationsDidNotHappenAndInfoOnesMayHaveHappenedLate() {
    String failed = """
        {:process 0, :type :invoke, :f :write, :value 1}
        {:process 0, :type :fail, :f :write, :value 1}
        {:process 1, :type :invoke, :f :read, :value nil}
        {:process 1, :type :ok, :f :read, :value 1}
        """;
    assertThat(check("register", failed).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    String info = failed.replace(":fail", ":info");
    assertThat(check("register", info).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    String infoNever = """
        {:process 0, :type :invoke, :f :write, :value 1}
        {:process 0, :type :info, :f :write, :value nil}
        {:process 1, :type :invoke, :f :read, :value nil}
        {:process 1, :type :ok, :f :read, :value nil}
        {:process 1, :type :invoke, :f :read, :value nil}
        {:process 1, :type :ok, :f :read, :value 1}
        """;
    assertThat(check("register", infoNever).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    String pendingAtEnd = """
        {:process 0, :type :invoke, :f :write, :value 1}
        {:process 1, :type :invoke, :f :read, :value nil}
        {:process 1, :type :ok, :f :read, :value 1}
        """;
    assertThat(check("register", pendingAtEnd).verdict()).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void casRegisterStartsAtNil() {
    String ok = """
        {:process 0, :type :invoke, :f :cas, :value [nil 1]}
        {:process 0, :type :ok, :f :cas, :value [nil 1]}
        {:process 1, :type :invoke, :f :cas, :value [1 2]}
        {:process 1, :type :ok, :f :cas, :value [1 2]}
        {:process 1, :type :invoke, :f :read, :value nil}
        {:process 1, :type :ok, :f :read, :value 2}
        """;
    assertThat(check("cas-register", ok).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    String bad = ok.replace("[1 2]", "[3 2]");
    CheckResult result = check("cas-register", bad);
    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(result.violation().stuck().f()).isEqualTo("cas");
    assertThat(result.violation().statesTried()).hasSize(2).contains(1L);
    assertThat(result.describe()).contains("model states tried for it: 1, nil");
  }

  @Test
  void kvChecksEachKeyAloneAndAppendConcatenates() {
    CheckResult ok = check("kv", """
        {:process 0, :type :invoke, :f :append, :key "a", :value "x"}
        {:process 1, :type :invoke, :f :put, :key "b", :value "y"}
        {:process 0, :type :ok, :f :append, :key "a", :value "x"}
        {:process 0, :type :invoke, :f :append, :key "a", :value "z"}
        {:process 0, :type :ok, :f :append, :key "a", :value "z"}
        {:process 0, :type :invoke, :f :get, :key "a", :value nil}
        {:process 0, :type :ok, :f :get, :key "a", :value "xz"}
        {:process 2, :type :invoke, :f :get, :key "b", :value nil}
        {:process 2, :type :ok, :f :get, :key "b", :value ""}
        {:process 1, :type :ok, :f :put, :key "b", :value "y"}
        """);
    assertThat(ok.verdict()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(ok.partitions()).isEqualTo(2);
    CheckResult bad = check("kv", """
        {:process 0, :type :invoke, :f :append, :key "a", :value "x"}
        {:process 0, :type :ok, :f :append, :key "a", :value "x"}
        {:process 0, :type :invoke, :f :append, :key "a", :value "z"}
        {:process 0, :type :ok, :f :append, :key "a", :value "z"}
        {:process 1, :type :invoke, :f :get, :key "a", :value nil}
        {:process 1, :type :ok, :f :get, :key "a", :value "zx"}
        """);
    assertThat(bad.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(bad.violation().partition()).isEqualTo("a");
    assertThat(bad.describe()).contains("on key \"a\"", "\"xz\"");
  }

  @Test
  void operationsThatDoNotFitTheModelNameTheEvent() {
    assertThatThrownBy(() -> check("register", """
        {:process 0, :type :invoke, :f :read, :value nil}
        {:process 0, :type :ok, :f :read, :value nil}
        {:process 0, :type :invoke, :f :cas, :value [1 2]}
        """)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event 3").hasMessageContaining("use --model cas-register");
    assertThatThrownBy(() -> check("cas-register", """
        {:process 0, :type :invoke, :f :cas, :value 1}
        """)).hasMessageContaining(":cas needs a value [expected new], not 1");
    assertThatThrownBy(() -> check("kv", """
        {:process 0, :type :invoke, :f :put, :value "x"}
        """)).hasMessageContaining("needs a :key");
    assertThatThrownBy(() -> check("kv", """
        {:process 0, :type :invoke, :f :put, :key "k", :value 3}
        """)).hasMessageContaining(":put needs a string value, not 3");
    assertThatThrownBy(() -> check("kv", """
        {:process 0, :type :invoke, :f :incr, :key "k", :value 3}
        """)).hasMessageContaining("no :incr");
  }

  @Test
  void aSearchThatCannotFinishInTimeIsUnknown() {
    List<Event> events = new ArrayList<>();
    for (int p = 0; p < 40; p++) {
      events.add(new Event(p, EventType.INVOKE, "write", (long) p, null, -1));
    }
    for (int p = 0; p < 40; p++) {
      events.add(new Event(p, EventType.OK, "write", (long) p, null, -1));
    }
    events.add(new Event(99, EventType.INVOKE, "read", null, null, -1));
    events.add(new Event(99, EventType.OK, "read", 1000L, null, -1));
    CheckResult result =
        new LinearizabilityChecker(Models.named("register"), Duration.ofMillis(200)).check(events);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.describe()).startsWith("unknown");
  }

  @Test
  void emptyHistoryIsLinearizable() {
    assertThat(check("kv", "").verdict()).isEqualTo(Verdict.LINEARIZABLE);
  }
}
