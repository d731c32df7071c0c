package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red team of 2026-12-01 (redteam15b) against issue 15's checker: histories whose search
 * explodes through what its states hold, not through how many there are.
 */
class HistoryRedTeam15bTest {

  /**
   * {@code n} concurrent appends of {@code size} characters to one key, then a get of a value
   * no order of them makes: the search tries every order, and every order is a new string.
   */
  private static List<Event> bigAppends(int n, int size) {
    List<Event> events = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      events.add(new Event(p, EventType.INVOKE, "append", String.valueOf((char) ('a' + p))
          .repeat(size), "k", -1));
    }
    for (int p = 0; p < n; p++) {
      events.add(new Event(p, EventType.OK, "append", String.valueOf((char) ('a' + p))
          .repeat(size), "k", -1));
    }
    events.add(new Event(99, EventType.INVOKE, "get", null, "k", -1));
    events.add(new Event(99, EventType.OK, "get", "zz", "k", -1));
    return events;
  }

  private static LinearizationSearch.Outcome search(List<Event> events, SearchBudget budget) {
    Model kv = Models.named("kv");
    List<Operation> ops = Operations.partitioned(events, kv).get("k");
    return new LinearizationSearch(kv, ops, false, budget)
        .run(System.nanoTime() + Duration.ofMinutes(5).toNanos());
  }

  /**
   * The budget charged a cache entry a fixed 120 bytes whatever its state held: six appends of
   * 20,000 characters kept about 150 MB of strings while the search believed it held 250 KB, and
   * a history of bigger appends filled any heap ({@code OutOfMemoryError}, the JVM gone) with the
   * budget untouched. A state the model made is now charged for what it holds (once, however
   * many entries share it), so such a search stops at its budget, the same way every run.
   */
  @Test
  void statesAreChargedForWhatTheyHold() {
    long[] steps = new long[2];
    for (int run = 0; run < 2; run++) {
      SearchBudget budget = new SearchBudget(4L << 20);
      Model kv = Models.named("kv");
      LinearizationSearch search = new LinearizationSearch(kv,
          Operations.partitioned(bigAppends(6, 20_000), kv).get("k"), false, budget);
      assertThat(search.run(System.nanoTime() + Duration.ofMinutes(5).toNanos()))
          .isEqualTo(LinearizationSearch.Outcome.OVER_BUDGET);
      steps[run] = search.steps();
    }
    assertThat(steps[1]).isEqualTo(steps[0]);
    // the same history of small appends decides within the same budget
    assertThat(search(bigAppends(6, 20), new SearchBudget(4L << 20)))
        .isEqualTo(LinearizationSearch.Outcome.ILLEGAL);
    // a large value every entry shares (a register's written value) is charged once
    List<Event> shared = new ArrayList<>();
    String big = "x".repeat(1 << 20);
    for (int p = 0; p < 8; p++) {
      shared.add(new Event(p, EventType.INVOKE, "write", p == 0 ? big : (long) p, null, -1));
    }
    for (int p = 0; p < 8; p++) {
      shared.add(new Event(p, EventType.OK, "write", p == 0 ? big : (long) p, null, -1));
    }
    shared.add(new Event(99, EventType.INVOKE, "read", null, null, -1));
    shared.add(new Event(99, EventType.OK, "read", -5L, null, -1));
    Model register = Models.named("register");
    assertThat(new LinearizationSearch(register, Operations.partitioned(shared, register)
        .get(null), false, new SearchBudget(4L << 20)).run(Long.MAX_VALUE))
        .isEqualTo(LinearizationSearch.Outcome.ILLEGAL);
  }

  /** Through the checker: unknown with the budget named, where the heap ran out. */
  @Test
  void aHistoryOfHugeAppendsIsUnknownNotOutOfMemory() {
    CheckResult result = new LinearizabilityChecker(Models.named("kv"), Duration.ofMinutes(5),
        Duration.ofMinutes(1)).check(bigAppends(10, 200_000));
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.describe()).startsWith("unknown (the search filled its memory budget");
  }

  /**
   * The size limit was checked against the size the file system reports, which is 0 for {@code
   * /dev/zero}, a pipe or a {@code /proc} file: {@code /dev/zero} was read until the heap ran
   * out. The limit now holds for what is read; a {@code /proc} file that ends still reads.
   */
  @Test
  void aFileThatReportsNoSizeIsReadWithinTheLimit(@TempDir Path dir) throws Exception {
    Path zero = Path.of("/dev/zero");
    Assumptions.assumeTrue(Files.isReadable(zero), "a system with /dev/zero");
    assertThatThrownBy(() -> HistoryFormat.read(zero, 1 << 20))
        .isInstanceOf(EdnException.class)
        .hasMessage("line 1, column 1: the file has more than 1048576 bytes; histories of up to"
            + " 1048576 bytes are read (split it, for example by key)");
    Path exact = dir.resolve("exact.edn");
    String op = "{:process 0 :type :invoke :f :read}\n";
    Files.writeString(exact, op);
    assertThat(HistoryFormat.read(exact, op.length()).size()).isEqualTo(1);
    assertThatThrownBy(() -> HistoryFormat.read(exact, op.length() - 1))
        .hasMessageContaining("the file has " + op.length() + " bytes");
  }

  private static Object value(String edn) {
    return new EdnReader(edn).next();
  }

  /**
   * EDN that Clojure's reader (and so Knossos) reads otherwise was read silently another way:
   * {@code 010} as ten (octal eight in Clojure; {@code 08} an error there), {@code 1.5N} as the
   * double 1.5 (an error there), {@code ^{:a 1} {}} as a symbol {@code ^} that shifted every
   * later key of its map, {@code #{1 1}} as {@code #{1}} (a duplicate key there, as this reader
   * says of maps), and a string's escape of a sign and three hex digits ({@code +041}) as
   * {@code "A"}. Valid characters of a backslash, {@code u} and four hex digits were refused.
   * Each is now read as Clojure reads it, or refused in one line.
   */
  @Test
  void ednIsReadAsClojureReadsItOrRefused() {
    for (String octal : List.of("010", "08", "-07", "+00", "01N")) {
      assertThatThrownBy(() -> value(octal)).as(octal).isInstanceOf(EdnException.class)
          .hasMessageContaining("starts with 0, which EDN does not allow");
    }
    assertThat(value("0")).isEqualTo(0L);
    assertThat(value("-0")).isEqualTo(0L);
    assertThat(value("0.5")).isEqualTo(0.5);
    assertThat(value("00.5")).isEqualTo(0.5);
    assertThat(value("0N")).isEqualTo(0L);
    assertThatThrownBy(() -> value("1.5N")).hasMessageContaining("N is for integers");
    assertThatThrownBy(() -> value("1e3N")).hasMessageContaining("N is for integers");
    String op = "{:process 0 :type :invoke :f :write :value ^{:a 1} {:b 2} :time 5}";
    Event event = HistoryFormat.parse(op).events().get(0);
    assertThat(event.value()).isEqualTo(java.util.Map.of(Keyword.of("b"), 2L));
    assertThat(event.time()).isEqualTo(5);
    assertThat(value("^:private [1]")).isEqualTo(List.of(1L));
    assertThatThrownBy(() -> value("#{1 1}")).isInstanceOf(EdnException.class)
        .hasMessage("line 1, column 1: the set opened here holds an element twice");
    assertThatThrownBy(() -> value("\"\\u+041\"")).hasMessageContaining("four hex digits");
    assertThat(value("\\u0041")).isEqualTo('A');
    assertThat(value("[\\u0000 \\u00e9]")).isEqualTo(List.of('\u0000', '\u00e9'));
    assertThatThrownBy(() -> value("\\ud800")).hasMessageContaining("unknown character");
    // what the writer writes of any character reads back as that character
    for (char c : new char[] {'\u0000', '\f', ',', '\u00a0', '\u2028', 'x', '\\'}) {
      assertThat(value(EdnWriter.write(c))).as("char %04x", (int) c).isEqualTo(c);
    }
  }

  /**
   * A recorded history compared values as Java does: an {@code Integer} 1 written and a {@code
   * Long} 1 read (a value decoded from a message) made "not linearizable", where Knossos (Clojure's
   * {@code =}) calls them equal, and where the same history written to EDN and read back was
   * linearizable; two equal arrays were different (identity), and the written file held {@code
   * [I@5f184fc6}. Recorded values are now what their written form reads as.
   */
  @Test
  void recordedValuesCompareAsTheirWrittenFormReads() {
    Object[][] pairs = {{1, 1L}, {(short) 7, 7L}, {(byte) -1, -1L}, {0.1f, 0.1},
        {new int[] {1, 2}, List.of(1L, 2L)}, {new byte[] {3}, new long[] {3}},
        {new Object[] {1, "a"}, List.of(1L, "a")}, {List.of(1, 2), List.of(1L, 2L)},
        {java.util.Map.of("k", 1), java.util.Map.of("k", 1L)},
        {java.math.BigInteger.TEN, 10}, {new java.math.BigDecimal("1.50"), new java.math
            .BigDecimal("1.5")}};
    for (Object[] pair : pairs) {
      History history = new History(() -> 0);
      history.invoke(0, "write", pair[0]);
      history.ok(0, null);
      history.invoke(1, "read", null);
      history.ok(1, pair[1]);
      String shown = EdnWriter.preview(history.events().get(0).value());
      LinearizabilityChecker checker = new LinearizabilityChecker(Models.named("register"),
          Duration.ofSeconds(30));
      assertThat(checker.check(history).verdict()).as(shown).isEqualTo(Verdict.LINEARIZABLE);
      assertThat(checker.check(HistoryFormat.parse(history.toEdn())).verdict()).as(shown)
          .isEqualTo(Verdict.LINEARIZABLE);
      assertThat(history.toEdn()).as(shown).doesNotContain("@");
    }
    // a decimal is still not an integer, and an array recorded is a copy, not a view
    History history = new History(() -> 0);
    int[] values = {1};
    history.invoke(0, "write", values);
    values[0] = 2;
    history.ok(0, null);
    history.invoke(1, "read", null);
    history.ok(1, 1.0);
    assertThat(history.events().get(0).value()).isEqualTo(List.of(1L));
    assertThat(new LinearizabilityChecker(Models.named("register"), Duration.ofSeconds(30))
        .check(history).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  /** The estimate follows what a state holds, nested, and stops at a bounded depth. */
  @Test
  void theEstimateCountsNestedValuesAndIsBounded() {
    assertThat(StateBytes.of("x".repeat(1000))).isGreaterThanOrEqualTo(1000);
    assertThat(StateBytes.of(List.of(List.of("x".repeat(1000)), "y".repeat(1000))))
        .isGreaterThanOrEqualTo(2000);
    assertThat(StateBytes.of(java.util.Map.of("k", "v".repeat(5000)))).isGreaterThan(5000);
    Object deep = "leaf".repeat(1000);
    for (int i = 0; i < 100_000; i++) {
      deep = List.of(deep);
    }
    assertThat(StateBytes.of(deep)).isLessThan(10_000);
    assertThat(StateBytes.of(null)).isZero();
  }
}
