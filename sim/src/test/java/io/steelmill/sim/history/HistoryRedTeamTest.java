package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The red team of 2026-11-30 (night) against issue 15's checker: function names that break a
 * message, numbers at the edges that Jepsen's checkers call equal, histories of very many keys
 * (time limit, memory), and the cases that already passed, kept so they stay so.
 */
class HistoryRedTeamTest {
  private static CheckResult check(String model, String text) {
    return new LinearizabilityChecker(Models.named(model), Duration.ofSeconds(30),
        Duration.ofSeconds(30)).check(HistoryFormat.parse(text));
  }

  private static String pair(long process, String f, String in, String out) {
    return "{:process " + process + " :type :invoke :f " + f + " :value " + in + "}\n"
        + "{:process " + process + " :type :ok :f " + f + " :value " + out + "}\n";
  }

  /**
   * A file's {@code :f} is any string: one holding a line break made the "model has no" error
   * two lines, and one of 100,000 characters a message of 200,000. Now the name is shown as EDN
   * writes it, bounded, on one line, in the checker's and the reader's messages alike.
   */
  @Test
  void functionNamesInMessagesAreOneBoundedLine() {
    String[] names = {"\"re\\nad\"", "\"a\\rb\"", ":" + "r".repeat(100_000),
        "\"" + "\\u2028".repeat(50) + "\"", "\"\\u0000\""};
    for (String f : names) {
      String unknownOp = pair(0, f, "1", "1");
      String pending = "{:process 0 :type :invoke :f :read}\n{:process 0 :type :invoke :f " + f
          + "}\n";
      String mismatch = "{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f " + f
          + "}\n";
      String orphan = "{:process 0 :type :ok :f " + f + "}\n";
      for (String text : List.of(unknownOp, pending, mismatch, orphan)) {
        assertThatThrownBy(() -> check("cas-register", text)).as(EdnWriter.preview(text))
            .isInstanceOf(RuntimeException.class)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u2028")
                .hasSizeLessThan(400));
      }
    }
    assertThatThrownBy(() -> check("kv", "{:process 0 :type :invoke :f \"g\\net\" :key 1}"))
        .hasMessageContaining("the kv model has no \"g\\net\"");
    assertThatThrownBy(() -> check("register", pair(0, ":frob", "1", "1")))
        .hasMessageEndingWith("the register model has no :frob (it knows :read, :write)");
    assertThatThrownBy(() -> check("register", "{:process 0 :type :invoke :f :read}\n"
        + "{:process 0 :type :ok :f :write}")).hasMessageContaining("invoked read but completes "
        + "write");
  }

  /**
   * {@code -0.0} and {@code 0.0} are one value for Knossos (Clojure's {@code =}) and Porcupine
   * (Go's {@code ==}); {@code Double.equals} told them apart, so these histories were "not
   * linearizable" here: a read, a nested read, a cas's expected value, and an unknown write the
   * pruning of unobserved writes dropped because its {@code -0.0} was not "observed" by a read
   * of {@code 0.0}. An integer is still not a decimal, and a character not a string.
   */
  @Test
  void negativeZeroIsZeroAsInJepsen() {
    assertThat(check("register", pair(0, ":write", "-0.0", "-0.0") + pair(1, ":read", "nil",
        "0.0")).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(check("register", pair(0, ":write", "[1 {:a -0.0} #{-0.0}]", "nil")
        + pair(1, ":read", "nil", "[1 {:a 0.0} #{0.0}]")).verdict())
        .isEqualTo(Verdict.LINEARIZABLE);
    assertThat(check("cas-register", pair(0, ":write", "0.0", "nil")
        + pair(1, ":cas", "[-0.0 5]", "[-0.0 5]") + pair(2, ":read", "nil", "5")).verdict())
        .isEqualTo(Verdict.LINEARIZABLE);
    String unknownWrite = "{:process 0 :type :invoke :f :write :value -0.0}\n"
        + "{:process 0 :type :info :f :write :value -0.0}\n" + pair(1, ":read", "nil", "0.0");
    assertThat(check("register", unknownWrite).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(check("register", pair(0, ":write", "1", "1") + pair(1, ":read", "nil", "1.0"))
        .verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(check("register", pair(0, ":write", "\\a", "nil") + pair(1, ":read", "nil",
        "\"a\"")).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(check("register", pair(0, ":write", "[nil -0.0]", "nil") + pair(1, ":read", "nil",
        "[nil 1.0]")).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(Values.canonical(List.of(1L, 0.0))).isEqualTo(List.of(1L, 0.0));
  }

  /**
   * EDN's arbitrary precision: {@code 99999999999999999999N} is valid EDN and was refused, and
   * {@code M} decimals were read as doubles, so {@code 0.1M} and {@code 0.10000000000000001M} were
   * one value (Knossos tells them apart) and {@code 1.5M} equalled the double {@code 1.5} (it does
   * not in Clojure). Now N is a BigInteger when it does not fit a long (so 5N is still 5), M a
   * BigDecimal without trailing zeros (1.0M is 1.00M), both written back as read; a number of
   * more than 1000 characters is one line, not seconds of quadratic parsing.
   */
  @Test
  void arbitraryPrecisionNumbersAreReadAsEdnMeansThem() {
    String big = "99999999999999999999N";
    assertThat(check("register", pair(0, ":write", big, "nil") + pair(1, ":read", "nil", big))
        .verdict()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(HistoryFormat.parse(pair(0, ":write", big, "nil")).toEdn()).contains(":value " + big);
    assertThat(check("register", pair(0, ":write", "5N", "nil") + pair(1, ":read", "nil", "5"))
        .verdict()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(check("register", pair(0, ":write", "0.1M", "nil")
        + pair(1, ":read", "nil", "0.10000000000000001M")).verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(check("register", pair(0, ":write", "1.0M", "nil") + pair(1, ":read", "nil",
        "1.00M")).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(check("register", pair(0, ":write", "1.5M", "nil") + pair(1, ":read", "nil",
        "1.5")).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    String huge = pair(0, ":write", "1e999999999M", "nil");
    assertThat(HistoryFormat.parse(huge).toEdn()).contains(":value 1E+999999999M");
    assertThat(HistoryFormat.parse(HistoryFormat.parse(huge).toEdn()).toEdn())
        .isEqualTo(HistoryFormat.parse(huge).toEdn());
    String longNumber = "{:process 0 :type :invoke :f :write :value " + "9".repeat(200_000)
        + "N}";
    assertThatThrownBy(() -> HistoryFormat.parse(longNumber)).isInstanceOf(EdnException.class)
        .hasMessage("line 1, column 44: a number of 200001 characters; at most 1000 are read");
  }

  /**
   * A history of many keys whose every partition decides in a step never reached the search's
   * periodic look at the clock: a million keys ran on past any {@code --timeout}. A limit that
   * has passed now makes even such a history unknown (a nanosecond is always over by the first
   * round; the verdict does not depend on the machine).
   */
  @Test
  void aTimeLimitBindsHistoriesOfManyTinyPartitions() {
    List<Event> events = manyKeys(5_000, -1);
    CheckResult result = new LinearizabilityChecker(Models.named("kv"), Duration.ofNanos(1))
        .check(events);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.describe()).startsWith("unknown (no verdict within the time limit");
    assertThat(new LinearizabilityChecker(Models.named("kv"), Duration.ofSeconds(60))
        .check(events).verdict()).isEqualTo(Verdict.LINEARIZABLE);
  }

  /**
   * Searches are made as their turn comes, at most {@link LinearizabilityChecker#MAX_ACTIVE} at
   * once (a million keys made a million searches up front and filled the heap): every key is
   * still checked, and a violation in the last of 20,000 keys is found and named.
   */
  @Test
  void aViolationInTheLastOfManyKeysIsFound() {
    int keys = 20_000;
    CheckResult result = new LinearizabilityChecker(Models.named("kv"), Duration.ofSeconds(120))
        .check(manyKeys(keys, keys - 1));
    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(result.violation().partition()).isEqualTo("k" + (keys - 1));
    assertThat(result.partitions()).isEqualTo(keys);
  }

  /** One put and one get per key; the get of key {@code bad} reads what nobody wrote. */
  private static List<Event> manyKeys(int keys, int bad) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      String key = "k" + i;
      events.add(new Event(i % 5, EventType.INVOKE, "put", "v" + i, key, -1));
      events.add(new Event(i % 5, EventType.OK, "put", "v" + i, key, -1));
      events.add(new Event(i % 5, EventType.INVOKE, "get", null, key, -1));
      events.add(new Event(i % 5, EventType.OK, "get", i == bad ? "zz" : "v" + i, key, -1));
    }
    return events;
  }

  /** Inputs of the kinds that were already handled, kept so they stay handled. */
  @Test
  void casesThatAlreadyPassStaySo() {
    // a process reused after :info (Jepsen gives a crashed process a new id; files may not)
    assertThat(check("register", "{:process 0 :type :invoke :f :write :value 1}\n"
        + "{:process 0 :type :info :f :write :value 1}\n" + pair(0, ":read", "nil", "1"))
        .verdict()).isEqualTo(Verdict.LINEARIZABLE);
    // a :fail did not happen, whoever reads
    assertThat(check("register", "{:process 0 :type :invoke :f :write :value 1}\n"
        + "{:process 0 :type :fail :f :write :value 1}\n" + pair(0, ":read", "nil", "1"))
        .verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    // Jepsen's record tags, a nemesis with a type the client ops never use, 5N is 5
    assertThat(check("register", "#jepsen.history.Op{:index 0, :type :invoke, :process 0, :f"
        + " :write, :value 5N}\n{:process :nemesis :type :weird :f :start}\n#jepsen.history.Op"
        + "{:index 1, :type :ok, :process 0, :f :write, :value 5}\n" + pair(1, ":read", "nil", "5"))
        .verdict()).isEqualTo(Verdict.LINEARIZABLE);
    // collections compare by value: sets and maps in any order, a list equals a vector
    assertThat(check("register", pair(0, ":write", "{:a 1 :b #{1 2}}", "nil")
        + pair(1, ":read", "nil", "{:b #{2 1} :a 1}") + pair(2, ":write", "(1 2)", "nil")
        + pair(3, ":read", "nil", "[1 2]")).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    // numbers at the edges of a long as process ids and values
    assertThat(check("register", pair(-9223372036854775808L, ":write", "9223372036854775807",
        "nil") + pair(9223372036854775807L, ":read", "nil", "9223372036854775807")).verdict())
        .isEqualTo(Verdict.LINEARIZABLE);
    // the kv model refuses keys it cannot partition by, in one line
    assertThatThrownBy(() -> check("kv", pair(0, ":put", "\"a\"", "\"a\"")))
        .hasMessageContaining("needs a :key");
  }
}
