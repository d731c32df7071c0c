package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A model of the user's own, written with {@code Integer}s, against recorded values, which are
 * what a history file reads as (an {@code Integer} recorded is a {@code Long}). Its {@code
 * initial()} returning {@code 0} never equalled a read of {@code 0}, so every history was "not
 * linearizable"; a model casting a value to {@code Integer} threw a bare ClassCastException.
 */
class UserModelValuesTest {
  /** A register of ints, starting at 0: what a user writes with Integers in mind. */
  private static Model intRegister(Function<Object, Object> write) {
    return new Model() {
      @Override
      public String name() {
        return "int-register";
      }

      @Override
      public Object initial() {
        return 0;
      }

      @Override
      public Object step(Object state, Operation op) {
        return switch (op.f()) {
          case "read" -> op.optional() || state.equals(op.output()) ? state : ILLEGAL;
          default -> write.apply(op.input());
        };
      }

      @Override
      public String validate(Operation op) {
        return null;
      }

      @Override
      public boolean readOnly(Operation op) {
        return op.f().equals("read");
      }

      @Override
      public String describe(Operation op) {
        return op.f();
      }
    };
  }

  private static History history(int written, int read) {
    History history = new History(() -> 0);
    history.invoke(0, "read", null);
    history.ok(0, 0);
    history.invoke(0, "write", written);
    history.ok(0, null);
    history.invoke(1, "read", null);
    history.ok(1, read);
    return history;
  }

  private static Verdict check(Model model, History history) {
    return new LinearizabilityChecker(model, Duration.ofSeconds(30)).check(history).verdict();
  }

  @Test
  void aModelWrittenWithIntegersMeetsRecordedValuesAsTheSame() {
    Model model = intRegister(v -> ((Number) v).intValue());
    assertThat(check(model, history(5, 5))).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(check(model, history(5, 6))).isEqualTo(Verdict.NOT_LINEARIZABLE);
    History fromFile = HistoryFormat.parse(history(5, 5).toEdn());
    assertThat(new LinearizabilityChecker(model, Duration.ofSeconds(30)).check(fromFile)
        .verdict()).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void aModelCastingToIntegerIsToldWhatTypeAValueIs() {
    Model model = intRegister(v -> (Integer) v);
    assertThatThrownBy(() -> check(model, history(5, 5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the model int-register threw java.lang.ClassCastException")
        .hasMessageContaining("process 0's :write (value 5")
        .hasMessageContaining("Fix: a model gets values as a history file reads (a whole number"
            + " is a Long");
  }

  @Test
  void sameValueComparesAsTheCheckerDoes() {
    assertThat(Model.sameValue(0, 0L)).isTrue();
    assertThat(Model.sameValue(List.of(1, -0.0), List.of(1L, 0.0))).isTrue();
    assertThat(Model.sameValue(Double.NaN, Double.NaN)).isFalse();
    assertThat(Model.sameValue(1L, 1.0)).isFalse();
  }
}
