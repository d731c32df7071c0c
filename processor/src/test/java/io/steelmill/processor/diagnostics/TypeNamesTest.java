package io.steelmill.processor.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link TypeNames#simple}'s fast path for plain class names gives what the pattern gives, and
 * leaves every other name to the pattern.
 */
class TypeNamesTest {
  private static final Pattern PACKAGE_PREFIX =
      Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Z_$])");

  private static String byPattern(String name) {
    return PACKAGE_PREFIX.matcher(name).replaceAll("");
  }

  @Test
  void plainClassNamesLoseTheirPackages() {
    assertThat(TypeNames.simple("io.steelmill.benchmarks.graph.n1000.C5")).isEqualTo("C5");
    assertThat(TypeNames.simple("com.myCompany.Disk_2")).isEqualTo("Disk_2");
    assertThat(TypeNames.simple("Disk")).isEqualTo("Disk");
    assertThat(TypeNames.plainClassStart("a.b.Disk")).isEqualTo(4);
  }

  @Test
  void otherNamesAreLeftToThePattern() {
    for (String name : List.of("a.B.C", "a.b.c", "a.b.", "a..B", ".B", "a.1b.C", "a$b.C", "_a.B",
        "a._b.C", "java.util.List<com.acme.Disk>", "int[]", "", "a.b.C[]", "a.b.Outer.Inner")) {
      assertThat(TypeNames.plainClassStart(name)).as(name).isEqualTo(-1);
      assertThat(TypeNames.simple(name)).as(name).isEqualTo(byPattern(name));
    }
  }

  @Test
  void randomNamesReadAsThePatternReadsThem() {
    Random random = new Random(12);
    String alphabet = "abzAZ09_$.<>, []";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder name = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = name.toString();
      assertThat(TypeNames.simple(text)).as(text).isEqualTo(byPattern(text));
    }
  }
}
