package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fault lists as the command line and reports write them: parsed strictly, printed back. */
class FaultMaskTest {
  @Test
  void parsesAndPrintsIdsInKindThenOrdinalOrder() {
    FaultMask mask = FaultMask.parse(" f10, b2 ,f3,d1");

    assertThat(mask.toString()).isEqualTo("b2,d1,f3,f10");
    assertThat(FaultMask.parse(mask.toString())).isEqualTo(mask);
    assertThat(mask.allows("f3")).isTrue();
    assertThat(mask.allows("f4")).isFalse();
    assertThat(FaultMask.parse("all").isAll()).isTrue();
    assertThat(FaultMask.parse("none").allows("f1")).isFalse();
    assertThat(FaultMask.parse("none").toString()).isEqualTo("none");
  }

  @Test
  void refusesAnythingElseWithOneLineNamingTheBadPart() {
    for (String bad : List.of("", " ", "n0", "x3", "3", "n-1", "f3,,b2", "f3;b2", "F3", "f01",
        "f12345678901", "f3,", "all,f3", "f 3", "n3", "\u0000", "f3,f3", "b1,f2, b1")) {
      assertThatThrownBy(() -> FaultMask.parse(bad))
          .as("input \"%s\"", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
    assertThatThrownBy(() -> FaultMask.parse("f3,q9"))
        .hasMessageContaining("\"q9\" is not a fault id")
        .hasMessageContaining("f nemesis");
    assertThatThrownBy(() -> FaultMask.parse(null)).hasMessageContaining("empty fault list");
    assertThatThrownBy(() -> FaultMask.parse("f3,b1,f3"))
        .hasMessage("f3 is listed twice; name each fault once");
    assertThatThrownBy(() -> FaultMask.parse("f1234567890"))
        .hasMessageContaining("an ordinal from 1 to 999999999");
  }

  @Test
  void refusesAListLongerThanItsBudget() {
    StringBuilder many = new StringBuilder("f1");
    for (int i = 2; i <= FaultMask.MAX_IDS + 1; i++) {
      many.append(",f").append(i);
    }
    assertThatThrownBy(() -> FaultMask.parse(many.toString()))
        .hasMessageContaining("more than " + FaultMask.MAX_IDS);
  }
}
