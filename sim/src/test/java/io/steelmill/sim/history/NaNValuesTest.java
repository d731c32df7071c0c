package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * NaN as Knossos (Clojure's {@code =} on the distinct objects a history holds) and Porcupine
 * (Go's {@code ==}) compare it: equal to nothing, itself included. {@code Double.equals} calls
 * two NaNs equal, so a register written NaN and read NaN was linearizable here and not there: the
 * same file got another verdict than Jepsen's checkers give.
 */
class NaNValuesTest {
  private static CheckResult check(String model, String text) {
    return new LinearizabilityChecker(Models.named(model), Duration.ofSeconds(30),
        Duration.ofSeconds(30)).check(HistoryFormat.parse(text));
  }

  private static String pair(long process, String f, String in, String out) {
    return "{:process " + process + " :type :invoke :f " + f + " :value " + in + "}\n"
        + "{:process " + process + " :type :ok :f " + f + " :value " + out + "}\n";
  }

  @Test
  void aReadOfNaNMatchesNoWriteAsInKnossosAndPorcupine() {
    assertThat(check("register", pair(0, ":write", "##NaN", "##NaN")
        + pair(1, ":read", "nil", "##NaN")).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(check("register", pair(0, ":write", "[1 ##NaN]", "nil")
        + pair(1, ":read", "nil", "[1 ##NaN]")).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(check("register", pair(0, ":write", "{##NaN 1}", "nil")
        + pair(1, ":read", "nil", "{##NaN 1}")).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(check("cas-register", pair(0, ":write", "##NaN", "nil")
        + pair(1, ":cas", "[##NaN 5]", "[##NaN 5]")).verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
    String unknownWrite = "{:process 0 :type :invoke :f :write :value ##NaN}\n"
        + "{:process 0 :type :info :f :write :value ##NaN}\n" + pair(1, ":read", "nil", "##NaN");
    assertThat(check("register", unknownWrite).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aRegisterThatHeldNaNIsLinearizableWhenNoReadSawTheNaN() {
    assertThat(check("register", pair(0, ":write", "##NaN", "nil")
        + pair(0, ":write", "2.5", "nil") + pair(1, ":read", "nil", "2.5")).verdict())
        .isEqualTo(Verdict.LINEARIZABLE);
    assertThat(check("cas-register", pair(0, ":write", "1", "nil")
        + pair(2, ":cas", "[1 ##NaN]", "[1 ##NaN]") + pair(0, ":write", "3", "nil")
        + pair(1, ":read", "nil", "3")).verdict()).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void valuesHoldingNaNEqualNothingAndZerosStayOne() {
    assertThat(Values.same(Double.NaN, Double.NaN)).isFalse();
    assertThat(Values.same(Float.NaN, Float.NaN)).isFalse();
    assertThat(Values.same(List.of(1L, Double.NaN), List.of(1L, Double.NaN))).isFalse();
    assertThat(Values.same(Set.of(Double.NaN), Set.of(Double.NaN))).isFalse();
    assertThat(Values.same(Map.of("a", List.of(-0.0, Double.NaN)),
        Map.of("a", List.of(0.0, Double.NaN)))).isFalse();
    assertThat(Values.same(-0.0, 0.0)).isTrue();
    assertThat(Values.same(List.of(1L, -0.0), List.of(1L, 0.0))).isTrue();
    assertThat(Values.same(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
    assertThat(Values.same(null, null)).isTrue();
  }
}
