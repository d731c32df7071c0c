package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A set's element or a map's key twice is refused as Clojure's reader refuses it, by Clojure's
 * {@code =}, not Java's {@code equals}: {@code #{##NaN ##NaN}} was refused (Clojure reads it: NaN
 * equals nothing) and {@code #{0.0 -0.0}} read (Clojure refuses it: the zeros are equal).
 */
class EdnDuplicatesTest {
  private static Object value(String edn) {
    return new EdnReader(edn).next();
  }

  @Test
  void setsAndMapsRefuseWhatClojureRefuses() {
    for (String twice : List.of("#{0.0 -0.0}", "#{1 1N}", "#{[0.0] [-0.0]}", "#{1 1}",
        "#{nil nil}", "#{[1] (1)}", "#{1.0M 1.00M}")) {
      assertThatThrownBy(() -> value(twice)).as(twice).isInstanceOf(EdnException.class)
          .hasMessage("line 1, column 1: the set opened here holds an element twice");
    }
    for (String twice : List.of("{0.0 :a -0.0 :b}", "{1 :a 1N :b}", "{nil 1 nil 2}")) {
      assertThatThrownBy(() -> value(twice)).as(twice).isInstanceOf(EdnException.class)
          .hasMessageContaining("duplicate map key");
    }
  }

  @Test
  void setsAndMapsReadWhatClojureReads() {
    assertThat(value("#{##NaN ##NaN}")).isInstanceOf(Set.class);
    assertThat(value("#{[##NaN] [##NaN] 1}")).isInstanceOf(Set.class);
    assertThat(value("{##NaN 1 ##NaN 2}")).isInstanceOf(java.util.Map.class);
    assertThat((Set<?>) value("#{1 1.0 \"1\" :a \\1 nil}")).hasSize(6);
    assertThat((Set<?>) value("#{0.0 1.0}")).hasSize(2);
  }
}
