package io.steelmill.sim.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Address;
import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.Timeline;
import io.steelmill.sim.TimelineFixtures;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The red team of 2026-11-30 (night) against issue 17's run pictures: pathological runs (many
 * nodes, many fault spans, faults with missing fields, messages whose {@code toString} throws)
 * give a bounded page that says what it left out, or draw what they can; nothing throws.
 */
class PictureRedTeamTest {
  private static Document parse(String html) {
    return Jsoup.parse(html, "", Parser.htmlParser());
  }

  /**
   * 200,000 nodes took 71 s and made 30 MB of lanes (each lane looked its index up in the list:
   * quadratic). Now the first {@link Lanes#MAX_LANES} are drawn, the rest counted, and a message
   * to a node without a lane is counted too, never drawn on the first lane.
   */
  @Test
  void manyNodesAreBoundedAndMessagesToUndrawnNodesAreNotMisplaced() {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      nodes.add("node-" + i);
    }
    Timeline timeline = TimelineFixtures.empty();
    TimelineFixtures.message(timeline, new Address("node-1", "a"), new Address("node-2", "b"),
        "drawn", 10, 5);
    TimelineFixtures.message(timeline, new Address("node-1", "a"),
        new Address("node-199999", "b"), "to a node without a lane", 20, 5);
    String html = RunPicture.builder().seed(9).nodes(nodes).timeline(timeline).runEnd(100)
        .build().html();
    assertThat(html.length()).as("page size").isLessThan(1_000_000);
    Document page = parse(html);
    assertThat(page.select("svg g.lane")).hasSize(Lanes.MAX_LANES);
    assertThat(page.select("svg g.message")).hasSize(1);
    assertThat(page.select("svg g.message").attr("data-to")).isEqualTo("node-2");
    assertThat(page.select("svg text.note").text())
        .contains((200_000 - Lanes.MAX_LANES) + " more nodes, 1 more messages in this window"
            + " not drawn");
  }

  /**
   * The fault spans of a window were all drawn (a timeline keeps up to 200,000: a hot BUGGIFY
   * site in a loop), each once per node struck. Now at most {@link Lanes#MAX_SPANS}, counted.
   */
  @Test
  void faultSpansAreBounded() {
    Timeline timeline = TimelineFixtures.empty();
    int spans = 60_000;
    TimelineFixtures.span(timeline, "crash", List.of("ghost"), 5, 9, "a node of its own", "g");
    for (int i = 0; i < spans; i++) {
      TimelineFixtures.span(timeline, i % 2 == 0 ? "buggify" : "partition",
          i % 2 == 0 ? List.of("n" + i % 3) : List.of(), i, i + 3, "site " + i, "f" + i);
    }
    String html = RunPicture.builder().seed(9).nodes(List.of("n0", "n1", "n2"))
        .timeline(timeline).runEnd(spans + 10).build().html();
    assertThat(html.length()).as("page size").isLessThan(8_000_000);
    Document page = parse(html);
    assertThat(page.select("svg g.fault")).hasSize(Lanes.MAX_SPANS);
    assertThat(page.select("svg text.note").text())
        .contains((spans + 1 - Lanes.MAX_SPANS) + " more faults in this window not drawn");
    assertThat(page.select("svg g.lane").eachAttr("data-node")).contains("ghost");
  }

  /** A fault with no id, node or description (a hand-made ledger) was a NullPointerException. */
  @Test
  void faultsWithMissingFieldsAreListedEmpty() {
    List<FaultLedger.Fault> faults = List.of(
        new FaultLedger.Fault(null, FaultLedger.Kind.NEMESIS, 3, null, null, true),
        new FaultLedger.Fault("f2", FaultLedger.Kind.DROP, Long.MIN_VALUE, "n1", "<b>", false),
        new FaultLedger.Fault("f3", FaultLedger.Kind.BUGGIFY, Long.MAX_VALUE, "", "", true));
    Document page = parse(RunPicture.builder().seed(1).nodes(List.of("n1")).faults(faults)
        .runEnd(Long.MAX_VALUE).failureTime(Long.MAX_VALUE).build().html());
    assertThat(page.select("table.faults tr[id^=fault-]")).hasSize(3);
    assertThat(page.select("table.faults td").eachText()).contains("<b>", "left out");
    assertThat(page.select("b")).isEmpty();
  }

  /**
   * The timeline labels a message with its {@code toString}; one that threw made the replay that
   * draws a failing seed fail differently from the seed (only the picture's replay calls it).
   */
  @Test
  void aMessageWhoseToStringThrowsIsLabelledNotFatal() {
    Timeline timeline = TimelineFixtures.empty();
    Object hostile = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("no toString for you");
      }
    };
    Object deep = new Object() {
      @Override
      public String toString() {
        return toString();
      }
    };
    Address a = new Address("a", "x");
    Address b = new Address("b", "y");
    assertThat(TimelineFixtures.message(timeline, a, b, hostile, 1, 1))
        .isEqualTo("(toString() threw java.lang.IllegalStateException)");
    assertThat(TimelineFixtures.message(timeline, a, b, deep, 2, 1))
        .contains("threw java.lang.StackOverflowError");
    assertThat(TimelineFixtures.message(timeline, a, b, null, 3, 1)).isEqualTo("null");
    assertThat(TimelineFixtures.message(timeline, a, b, "\uD83D\uDE00".repeat(100), 4, 1))
        .hasSize(Timeline.TEXT_LIMIT);
    Document page = parse(RunPicture.builder().seed(1).nodes(List.of("a", "b"))
        .timeline(timeline).runEnd(10).build().html());
    assertThat(page.select("svg g.message")).hasSize(4);
  }
}
