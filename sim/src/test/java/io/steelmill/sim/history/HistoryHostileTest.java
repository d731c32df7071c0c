package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.steelmill.sim.SplitMix64;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile histories for the EDN reader and the checker: whatever a file holds, reading and
 * checking it ends in a verdict or one line naming the line and column, never another exception,
 * a stack overflow, or a search that fills the heap.
 */
class HistoryHostileTest {
  private static final String VALID = String.join("\n",
      "{:process 0, :type :invoke, :f :write, :value 1, :time 10}",
      "{:process 1, :type :invoke, :f :read, :value nil, :time 11}",
      "{:process 0, :type :ok, :f :write, :value 1, :time 12}",
      "{:process 1, :type :ok, :f :read, :value 1, :time 13}",
      "{:process 2, :type :invoke, :f :cas, :value [1 2], :time 14}",
      "{:process 2, :type :info, :f :cas, :value [1 2], :time 15}",
      "{:process :nemesis, :type :info, :f :start, :value \"partition\"}",
      "{:process 3, :type :invoke, :f :read, :value nil}",
      "{:process 3, :type :ok, :f :read, :value 2}", "");

  /** Parses and checks {@code text}: a verdict, or an error that is one line with a position. */
  private static String outcome(String text, String context) {
    try {
      History history = HistoryFormat.parse(text);
      CheckResult result = new LinearizabilityChecker(Models.named("cas-register"),
          Duration.ofSeconds(30), Duration.ofSeconds(30)).check(history);
      return result.verdict().name();
    } catch (EdnException e) {
      assertThat(e.getMessage()).as(context).matches("line \\d+, column \\d+: [^\\n\\r]+");
      return "EDN";
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).as(context).doesNotContain("\n").isNotBlank();
      return "INVALID";
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return fail(context + ": " + e, e);
    }
  }

  static Stream<String[]> malformed() {
    return Stream.of(
        new String[] {"{", "no '}'"}, new String[] {"}", "no matching opening"},
        new String[] {"[{:process 0", "has no '}'"}, new String[] {"[{}", "missing ']'"},
        new String[] {"(", "missing ')'"},
        new String[] {"{:process 0 :type}", "has no value"},
        new String[] {"{:a 1 :a 2}", "duplicate map key"},
        new String[] {"\"abc", "unterminated string"}, new String[] {"\"\\", "unterminated"},
        new String[] {"\"\\q\"", "unknown escape"}, new String[] {"\"\\u12\"", "four hex digits"},
        new String[] {"\"\\uZZZZ\"", "four hex digits"}, new String[] {"#", "end of the input"},
        new String[] {"##", "end of input"}, new String[] {"##Foo", "##NaN"},
        new String[] {"#?x", "unsupported dispatch"}, new String[] {"#\n", "U+000A"},
        new String[] {"\"\\\n\"", "U+000A"}, new String[] {"##\r", "U+000D"},
        new String[] {":", "keyword name"},
        new String[] {"\\", "character literal"}, new String[] {"\\bell", "character literal"},
        new String[] {"99999999999999999999", "out-of-range number"},
        new String[] {"1/2", "malformed"}, new String[] {"0x1F", "malformed"},
        new String[] {"1e99999", "operation map"}, new String[] {"nil", "operation map"},
        new String[] {"[1 2]", "operation map"}, new String[] {"[] []", "operation map"},
        new String[] {"\u0000", "operation map"}, new String[] {"\u2028{", "no '}'"},
        new String[] {"{:process 0.5 :type :invoke :f :read}", "must be an integer"},
        new String[] {"{:process \"0\" :type :invoke :f :read}", "must be an integer"},
        new String[] {"{:process nil :type :invoke :f :read}", "must be an integer"},
        new String[] {"{:type :invoke :f :read}", "no :process"},
        new String[] {"{:process 0 :type :begin :f :read}", ":type must be"},
        new String[] {"{:process 0 :type \"invoke\" :f :read}", ":type must be"},
        new String[] {"{:process 0 :type :invoke :f 7}", ":f must be"},
        new String[] {"{:process 0 :type :invoke :f \"\"}", ":f must be"},
        new String[] {"{:process 0 :type :invoke :f :read :time 1.5}", ":time must be"},
        new String[] {"{:process 0 :type :ok :f :read :value 1}", "invoked nothing"},
        new String[] {"{:process 0 :type :invoke :f :read}\n{:process 0 :type :invoke :f :read}",
            "still pending"},
        new String[] {"{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :write}",
            "but completes"},
        new String[] {"{:process 0 :type :invoke :f :cas :value 5}", ":cas needs"},
        new String[] {"{:process 0 :type :invoke :f :cas :value [1]}", ":cas needs"},
        new String[] {"{:process 0 :type :invoke :f :append :value \"x\"}", "has no :append"},
        new String[] {"#_", "unexpected end of input"}, new String[] {"{:a #_1}", "has no value"},
        new String[] {"{" + "\"k\" ".repeat(3), "has no value"});
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformed")
  void malformedInputIsOneLineNamingWhere(String text, String expected) {
    String context = "input " + EdnWriter.preview(text);
    String outcome = outcome(text, context);
    assertThat(outcome).as(context).isIn("EDN", "INVALID");
    try {
      HistoryFormat.parse(text);
      new LinearizabilityChecker(Models.named("cas-register"), Duration.ofSeconds(5))
          .check(HistoryFormat.parse(text));
    } catch (RuntimeException e) {
      assertThat(e.getMessage()).as(context).contains(expected);
    }
  }

  /** Forms nested past any stack, through every construct that nests, end in one line. */
  @Test
  void nestingOfEveryKindIsBoundedNotAStackOverflow() {
    int deep = 200_000;
    List<String> inputs = List.of("[".repeat(deep), "(".repeat(deep), "{".repeat(deep),
        "#{".repeat(deep), "#_".repeat(deep) + "{}", "#tag ".repeat(deep) + "{}",
        "#_[".repeat(deep), "{:process 0 :type :invoke :f :write :value " + "[".repeat(deep),
        "[#_".repeat(deep), "{" + "#{".repeat(deep));
    for (String input : inputs) {
      String context = "input starting " + EdnWriter.preview(input.substring(0, 12));
      assertThat(outcome(input, context)).as(context).isEqualTo("EDN");
      try {
        HistoryFormat.parse(input);
      } catch (EdnException e) {
        assertThat(e.getMessage()).as(context).contains("nesting deeper than");
      }
    }
  }

  /** Valid EDN that the reader refused: discards last in a collection, a BOM, ##NaN. */
  @Test
  void validEdnCornersRead() {
    String op = "{:process 0 :type :invoke :f :write :value 1}";
    assertThat(HistoryFormat.parse("[" + op + " #_{:x 1}]").size()).isEqualTo(1);
    assertThat(HistoryFormat.parse("[" + op + " #_ #_ 1 2]").size()).isEqualTo(1);
    assertThat(HistoryFormat.parse(op + "\n#_{:x 1}\n").size()).isEqualTo(1);
    assertThat(HistoryFormat.parse("{:process 0 #_ :junk :type :invoke :f :write :value 1 #_2}")
        .size()).isEqualTo(1);
    assertThat(HistoryFormat.parse("\uFEFF" + op).size()).isEqualTo(1);
    assertThat(HistoryFormat.parse("{:process 0 :type :invoke :f :write :value ##NaN}")
        .events().get(0).value()).isEqualTo(Double.NaN);
    assertThat(new EdnReader("[##Inf ##-Inf]").next())
        .isEqualTo(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    try {
      HistoryFormat.parse("\uFEFF\uFEFF" + op);
      fail("a second byte-order mark is not a form");
    } catch (EdnException e) {
      assertThat(e.getMessage()).startsWith("line 1, column 1:").contains("found ?");
    }
  }

  /**
   * Seeded mutations of a valid history (bytes cut, doubled, swapped, replaced with brackets,
   * dispatch characters, quotes, escapes, odd Unicode): every one reads and checks, or fails in
   * one line.
   */
  @Test
  void mutatedHistoriesNeverEscapeAsAnotherException() {
    String[] hostile = {"{", "}", "[", "]", "(", ")", "#", "#_", "##", "#{", "\\", "\"", ":",
        ";", "\n", "\u0000", "\uFEFF", "\u2028", "\uD800", "\uDFFF", "\u00A0", "\u0085", "-",
        "+", "N", "M", ".", "e", "nil", "99999999999999999999", "\\u", "\\u12", "/", ","};
    int cases = 4_000;
    for (int i = 0; i < cases; i++) {
      long seed = 0x5EED_0000L + i;
      SplitMix64 random = new SplitMix64(seed);
      StringBuilder text = new StringBuilder(VALID);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && text.length() > 0; e++) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(4)) {
          case 0 -> text.setLength(at);
          case 1 -> text.insert(at, hostile[random.nextInt(hostile.length)]);
          case 2 -> text.deleteCharAt(at);
          default -> text.setCharAt(at, hostile[random.nextInt(hostile.length)].charAt(0));
        }
      }
      outcome(text.toString(), "seed " + seed + ", input " + EdnWriter.preview(text.toString()));
    }
  }

  /** Invalid UTF-8 is named with its offset and line, not replaced (values would then merge). */
  @Test
  void bytesThatAreNotUtf8AreNamed(@TempDir Path dir) throws IOException {
    byte[] head = ("{:process 0 :type :invoke :f :write :value \"a\"}\n"
        + "{:process 0 :type :ok :f :write :value \"a\"}\n").getBytes(StandardCharsets.UTF_8);
    byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0,
        (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xF8, 1, 1, 1, 1},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
    for (byte[] b : bad) {
      byte[] prefix = "{:process 1 :type :invoke :f :read :value \"".getBytes(
          StandardCharsets.UTF_8);
      Path file = dir.resolve("h.edn");
      try (var out = Files.newOutputStream(file)) {
        out.write(head);
        out.write(prefix);
        out.write(b);
        out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
      }
      try {
        HistoryFormat.read(file);
        fail("read bytes " + java.util.Arrays.toString(b) + " as UTF-8");
      } catch (EdnException e) {
        assertThat(e.getMessage()).as(java.util.Arrays.toString(b))
            .startsWith("line 3, column " + (prefix.length + 1) + ": not UTF-8: byte 0x")
            .contains("offset " + (head.length + prefix.length));
      }
    }
  }

  /**
   * A long sequential history: before the cache kept its sets compact, each of its entries held
   * a bit per operation, and 100,000 operations needed about 2.5 GB; now well under 32 MiB.
   */
  @Test
  void aLongSequentialHistoryFitsASmallBudget() {
    List<Event> events = new ArrayList<>();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      long process = i % 7;
      String f = i % 3 == 0 ? "read" : "write";
      Object value = f.equals("read") ? (i == 0 ? null : Long.valueOf(i - 1)) : Long.valueOf(i);
      events.add(new Event(process, EventType.INVOKE, f, f.equals("read") ? null : value, null,
          -1));
      events.add(new Event(process, EventType.OK, f, value, null, -1));
    }
    List<Operation> ops = Operations.partitioned(events, Models.named("register")).get(null);
    SearchBudget budget = new SearchBudget(32L << 20);
    LinearizationSearch search =
        new LinearizationSearch(Models.named("register"), ops, false, budget);
    assertThat(search.run(System.nanoTime() + Duration.ofMinutes(5).toNanos()))
        .isEqualTo(LinearizationSearch.Outcome.LINEARIZABLE);
    assertThat(budget.spent()).isFalse();
  }

  /**
   * Forty writes all concurrent, then reads of a value nobody wrote: the search has 2^40 sets to
   * try. It stops at its memory budget (decided by steps, so the same on every run) instead of
   * filling the heap, and the checker calls that unknown, naming the budget.
   */
  @Test
  void anExplodingSearchStopsAtItsBudget() {
    List<Event> events = new ArrayList<>();
    int n = 40;
    for (int i = 0; i < n; i++) {
      events.add(new Event(i, EventType.INVOKE, "write", (long) i, null, -1));
    }
    for (int i = 0; i < n; i++) {
      events.add(new Event(i, EventType.OK, "write", (long) i, null, -1));
    }
    for (int i = 0; i < n; i++) {
      events.add(new Event(n + i, EventType.INVOKE, "read", null, null, -1));
    }
    for (int i = 0; i < n; i++) {
      events.add(new Event(n + i, EventType.OK, "read", i % 2 == 0 ? -1L : (long) i, null, -1));
    }
    List<Operation> ops = Operations.partitioned(events, Models.named("register")).get(null);
    long[] steps = new long[2];
    for (int run = 0; run < 2; run++) {
      SearchBudget budget = new SearchBudget(8L << 20);
      LinearizationSearch search =
          new LinearizationSearch(Models.named("register"), ops, false, budget);
      assertThat(search.run(System.nanoTime() + Duration.ofMinutes(5).toNanos()))
          .isEqualTo(LinearizationSearch.Outcome.OVER_BUDGET);
      steps[run] = search.steps();
    }
    assertThat(steps[1]).isEqualTo(steps[0]);
    CheckResult unknown = new CheckResult(Verdict.UNKNOWN, null, Models.named("register"), 80, 1,
        Duration.ZERO, Duration.ZERO).overBudget(8L << 20);
    assertThat(unknown.describe()).startsWith("unknown (the search filled its memory budget of 8"
        + " MiB").doesNotContain("\n");
  }

  /** Semantics the files may break: times going backwards change nothing, positions decide. */
  @Test
  void timesGoingBackwardsAndOpsThatNeverCompleteAreHandled() {
    String forwards = "{:process 0 :type :invoke :f :write :value 1 :time 5}\n"
        + "{:process 1 :type :invoke :f :write :value 2 :time 6}\n"
        + "{:process 0 :type :ok :f :write :value 1 :time 7}\n"
        + "{:process 2 :type :invoke :f :read :value nil :time 8}\n"
        + "{:process 2 :type :ok :f :read :value 2 :time 9}\n";
    String backwards = forwards.replace(":time 5", ":time 900").replace(":time 9", ":time -3");
    assertThat(outcome(backwards, "backwards")).isEqualTo(outcome(forwards, "forwards"))
        .isEqualTo("LINEARIZABLE");
    String neverWritten = forwards.replace(":value 2 :time 9", ":value 3 :time 9");
    assertThat(outcome(neverWritten, "a read of a value never written"))
        .isEqualTo("NOT_LINEARIZABLE");
    String processes = forwards.replace(":process 0 ", ":process -9223372036854775808 ")
        .replace(":process 1 ", ":process 9223372036854775807 ");
    assertThat(outcome(processes, "extreme process ids")).isEqualTo("LINEARIZABLE");
  }

  /**
   * What a run records, written as EDN (the {@code --history} files, the harness's files) reads
   * back as the same history: hostile function names (a space made {@code :f :read all}, which
   * does not read back) and values (NaN and infinities were written as symbols), 500 seeds.
   */
  @Test
  void recordedHistoriesReadBackAsWritten() {
    String alphabet = " \t\n,;#:\"\\()[]{}\u2028\u0000\u00e9\uD83D\uDE00ab1-_/.";
    for (int i = 0; i < 500; i++) {
      long seed = 0xEDE0L + i;
      SplitMix64 random = new SplitMix64(seed);
      History history = new History(() -> 7);
      for (int op = 0; op < 12; op++) {
        StringBuilder f = new StringBuilder();
        for (int c = 0, n = 1 + random.nextInt(6); c < n; c++) {
          f.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        history.invoke(op, random.nextInt(2) == 0 ? null : "k" + op, f.toString(),
            value(random, alphabet, 3));
        history.ok(op, value(random, alphabet, 3));
      }
      String written = history.toEdn();
      try {
        assertThat(HistoryFormat.parse(written).toEdn()).as("seed " + seed).isEqualTo(written);
      } catch (EdnException e) {
        fail("seed " + seed + ": " + e.getMessage() + " in\n" + written, e);
      }
    }
  }

  private static Object value(SplitMix64 random, String alphabet, int depth) {
    return switch (random.nextInt(depth > 0 ? 9 : 8)) {
      case 0 -> null;
      case 1 -> random.nextLong();
      case 2 -> List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
          1.5e300, Double.MIN_VALUE).get(random.nextInt(6));
      case 3 -> alphabet.charAt(random.nextInt(alphabet.length()));
      case 4 -> Keyword.of("k" + random.nextInt(9));
      case 5 -> random.nextInt(2) == 0;
      case 6, 7 -> {
        StringBuilder text = new StringBuilder();
        for (int c = 0, n = random.nextInt(8); c < n; c++) {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        yield text.toString();
      }
      default -> {
        List<Object> items = new ArrayList<>();
        for (int c = 0, n = random.nextInt(4); c < n; c++) {
          items.add(value(random, alphabet, depth - 1));
        }
        yield items;
      }
    };
  }

  /** The same hostile history gives the same verdict and the same explanation every time. */
  @Test
  void explanationsAreTheSameEveryRun() {
    for (int i = 0; i < 15; i++) {
      long seed = 0xC0FFEEL + i;
      List<Event> events = RandomHistories.mutated(seed, "cas-register", 6, 60);
      String first = null;
      for (int run = 0; run < 2; run++) {
        String text = new LinearizabilityChecker(Models.named("cas-register"),
            Duration.ofSeconds(60)).check(events).describe();
        if (first == null) {
          first = text;
        } else {
          assertThat(text).as("seed " + seed).isEqualTo(first);
        }
      }
    }
  }
}
