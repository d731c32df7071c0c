package io.steelmill.sim.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.SplitMix64;
import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.History;
import io.steelmill.sim.history.LinearizabilityChecker;
import io.steelmill.sim.history.Models;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * Pictures of hostile runs: huge ones (a bug-free 900-virtual-second run made a 26 MB page
 * with 130,000 operation bars and a row per dropped message) stay within a budget and say what
 * they left out; hostile node names (markup, quotes, control and odd Unicode characters, empty,
 * very long, many) come out escaped, one lane each, and the page parses to the same lanes.
 */
class RunPictureHostileTest {
  /** A history of {@code count} sequential register writes and reads, 1 ms apart. */
  private static History history(int count, long seed) {
    long[] now = {0};
    History history = new History(() -> now[0]);
    SplitMix64 random = new SplitMix64(seed);
    long value = 0;
    for (int i = 0; i < count; i++) {
      long process = random.nextInt(8);
      now[0] += 1_000_000;
      if (random.nextInt(3) == 0) {
        history.invoke(process, "read", null);
        now[0] += 500_000;
        history.ok(process, value == 0 ? null : value);
      } else {
        value = i + 1;
        history.invoke(process, "write", value);
        now[0] += 500_000;
        history.ok(process, value);
      }
    }
    return history;
  }

  private static List<FaultLedger.Fault> faults(int count) {
    List<FaultLedger.Fault> faults = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      faults.add(new FaultLedger.Fault("d" + i, FaultLedger.Kind.DROP, i * 1_000L, "n" + (i % 5),
          "drop n1 -> n2", i % 3 != 0));
    }
    return faults;
  }

  @Test
  void aHugeRunStaysWithinItsBudgetAndSaysWhatItLeftOut() {
    History history = history(60_000, 0xB16L);
    CheckResult check = new LinearizabilityChecker(Models.named("register"),
        Duration.ofMinutes(2)).check(history);
    assertThat(check.linearizable()).as("seed 0xB16").isTrue();
    String html = RunPicture.builder().seed(0xB16L).nodes(List.of("n0", "n1", "n2"))
        .faults(faults(50_000)).history(history, check).runEnd(100_000_000_000L).build().html();
    assertThat(html.length()).as("page size").isLessThan(6_000_000);
    Document page = Jsoup.parse(html, "", Parser.htmlParser());
    assertThat(page.select("svg g.op")).hasSize(Lanes.MAX_OPERATIONS);
    assertThat(page.select("svg text.note").text())
        .contains((60_000 - Lanes.MAX_OPERATIONS) + " more operations in this window not drawn");
    assertThat(page.select("table.faults tr[id^=fault-]")).hasSize(RunPicture.MAX_FAULT_ROWS);
    assertThat(page.select("table.faults tr.note").text())
        .isEqualTo((50_000 - RunPicture.MAX_FAULT_ROWS) + " more faults not listed");
    assertThat(page.select("h2").text()).contains("Faults injected (50000)");
  }

  @Test
  void theViolationIsAlwaysDrawnHoweverManyOperations() {
    History history = history(20_000, 0xBADL);
    history.invoke(99, "read", null);
    history.ok(99, -5L); // a value nobody wrote: the violation, last of 20,001 operations
    CheckResult check = new LinearizabilityChecker(Models.named("register"),
        Duration.ofMinutes(2)).check(history);
    assertThat(check.linearizable()).as("seed 0xBAD").isFalse();
    Document page = Jsoup.parse(RunPicture.builder().seed(0xBADL).nodes(List.of("n0"))
        .history(history, check).runEnd(50_000_000_000L).build().html(), "", Parser.htmlParser());
    assertThat(page.select("svg g.op.violation-stuck")).hasSize(1);
    assertThat(page.select("svg g.op").size()).isLessThanOrEqualTo(Lanes.MAX_OPERATIONS);
  }

  @Test
  void hostileNodeNamesAreEscapedOneLaneEach() {
    List<String> names = new ArrayList<>(List.of("</svg><script>alert(1)</script>",
        "\"onload=\"alert(1)", "a'b", "&amp;", "]]>", "<!--", "\u0000nul", "tab\tand\nnewline",
        "\u202Eevil", "\uD800lone", "\uFFFF", "\uFFFE", "\uDC00", "\uD83D\uDE00", "",
        "x".repeat(10_000), "日本語", "n0"));
    SplitMix64 random = new SplitMix64(0x1A4E5L);
    for (int i = 0; i < 300; i++) {
      StringBuilder name = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int c = 0; c < length; c++) {
        name.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x80) : 0x20 + random
            .nextInt(0x3000)));
      }
      if (!names.contains(name.toString())) {
        names.add(name.toString());
      }
    }
    String html = RunPicture.builder().seed(0x1A4E5L).title("<title>" + names.get(0))
        .failure(String.join("\n", names)).nodes(names).faults(List.of(new FaultLedger.Fault(
            "f1", FaultLedger.Kind.NEMESIS, 5, names.get(1), names.get(0), true)))
        .runEnd(1_000_000_000L).build().html();
    Document page = Jsoup.parse(html, "", Parser.htmlParser());
    assertThat(page.select("script")).as("seed 0x1A4E5").isEmpty();
    assertThat(page.select("svg g.lane")).hasSize(names.size());
    assertThat(page.select("svg g.lane").eachAttr("data-node"))
        .contains("\uD83D\uDE00", "?lone", "?", "?nul", "x".repeat(10_000));
    assertThat(page.select("svg").size()).as("one drawing, not closed early").isEqualTo(1);
    assertThat(page.select("table.faults tr[id^=fault-]")).hasSize(1);
  }
}
