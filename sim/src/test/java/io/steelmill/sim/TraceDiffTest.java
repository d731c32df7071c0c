package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The first line where two full traces part, with what both did just before. */
class TraceDiffTest {
  private static final List<String> RUN =
      List.of("t=0 spawn #0 main", "t=0 step 0", "t=5 step 1", "t=5 step 0", "t=9 step 1");

  @Test
  void equalTracesHaveNoDifference() {
    assertThat(TraceDiff.firstDifference(RUN, "here", List.copyOf(RUN), "there")).isNull();
  }

  @Test
  void theFirstDifferingLineIsNamedWithTheLinesBeforeIt() {
    List<String> other = List.of("t=0 spawn #0 main", "t=0 step 0", "t=5 step 1", "t=5 step 2",
        "t=9 step 1");

    assertThat(TraceDiff.firstDifference(RUN, "here", other, "there")).isEqualTo(
        "the full traces agree on their first 3 lines (of 5 in here, 5 in there)\n"
            + "    both:  t=0 spawn #0 main\n"
            + "    both:  t=0 step 0\n"
            + "    both:  t=5 step 1\n"
            + "    here: t=5 step 0\n"
            + "    there: t=5 step 2");
  }

  @Test
  void aTraceThatStopsEarlierPartsWhereItEnds() {
    assertThat(TraceDiff.firstDifference(RUN.subList(0, 2), "here", RUN, "there"))
        .startsWith("the full traces agree on their first 2 lines (of 2 in here, 5 in there)")
        .endsWith("    here: (its trace ends here)\n    there: t=5 step 1");
    assertThat(TraceDiff.firstDifference(List.of(), "here", RUN, "there"))
        .isEqualTo("the full traces agree on their first 0 lines (of 0 in here, 5 in there)\n"
            + "    here: (its trace ends here)\n    there: t=0 spawn #0 main");
  }
}
