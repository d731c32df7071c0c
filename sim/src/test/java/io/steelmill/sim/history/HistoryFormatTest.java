package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryFormatTest {
  @Test
  void readsOneMapPerLineAndSkipsTheNemesis() {
    History history = HistoryFormat.parse("""
        {:process 0, :type :invoke, :f :cas, :value [1 2]}
        {:process :nemesis, :type :info, :f :start, :value nil}
        {:process 0, :type :ok, :f :cas, :value [1 2], :time 17}
        {:process 1, :type :invoke, :f :get, :key "k", :value nil}
        {:process 1, :type :info, :f :get, :key "k", :value :timeout}
        """);
    assertThat(history.events()).containsExactly(
        new Event(0, EventType.INVOKE, "cas", List.of(1L, 2L), null, -1),
        new Event(0, EventType.OK, "cas", List.of(1L, 2L), null, 17),
        new Event(1, EventType.INVOKE, "get", null, "k", -1),
        new Event(1, EventType.INFO, "get", Keyword.of("timeout"), "k", -1));
  }

  @Test
  void readsAVectorOfMaps() {
    History history = HistoryFormat.parse("[{:process 0, :type :invoke, :f :read}\n"
        + " {:process 0, :type :ok, :f :read, :value 3}]");
    assertThat(history.events()).hasSize(2);
    assertThat(history.events().get(1).value()).isEqualTo(3L);
  }

  @Test
  void writesAndReadsBack(@TempDir Path dir) throws Exception {
    History recorded = new History(counter());
    recorded.invoke(3, "k1", "append", "x \"quoted\"");
    recorded.invoke(4, "write", 7L);
    recorded.ok(3, "x \"quoted\"");
    recorded.info(4, null);
    Path file = dir.resolve("history.edn");
    HistoryFormat.write(recorded, file);
    assertThat(Files.readAllLines(file).get(0)).isEqualTo(
        "{:process 3, :type :invoke, :f :append, :key \"k1\", :value \"x \\\"quoted\\\"\","
            + " :time 1}");
    assertThat(HistoryFormat.read(file).events()).isEqualTo(recorded.events());
  }

  private static java.util.function.LongSupplier counter() {
    long[] now = {0};
    return () -> ++now[0];
  }

  @Test
  void recorderRefusesMalformedHistories() {
    History history = new History(() -> 0);
    assertThatThrownBy(() -> history.ok(1, null)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("process 1").hasMessageContaining("invoked none");
    history.invoke(1, "read", null);
    assertThatThrownBy(() -> history.invoke(1, "write", 2L))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("still pending");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "[1 2]                                                    | expected an operation map",
      "{:type :invoke, :f :read}                                | has no :process",
      "{:process \"a\", :type :invoke, :f :read}                | :process must be an integer",
      "{:process 1, :type :call, :f :read}                      | :type must be one of",
      "{:process 1, :f :read}                                   | :type must be one of",
      "{:process 1, :type :invoke, :f 3}                        | :f must be a keyword",
      "{:process 1, :type :invoke}                              | :f must be a keyword",
      "{:process 1, :type :invoke, :f :read, :time \"x\"}       | :time must be an integer",
      "{:process 1, :type :ok, :f :read}                        | invoked nothing",
  })
  void badOperationsNameTheLine(String bad, String problem) {
    String text = "{:process 9, :type :invoke, :f :read}\n" + bad.strip() + "\n";
    assertThatThrownBy(() -> HistoryFormat.parse(text)).isInstanceOf(EdnException.class)
        .hasMessageStartingWith("line 2, column 1:").hasMessageContaining(problem);
  }

  @Test
  void aBinaryFileGivesAShortPrintableMessage() {
    StringBuilder garbage = new StringBuilder();
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 5000; i++) {
      char c = (char) random.nextInt(1, 0xD7FF);
      garbage.append(c == '"' || c == ';' || Character.isWhitespace(c) ? 'x' : c);
    }
    assertThatThrownBy(() -> HistoryFormat.parse(garbage.toString()))
        .isInstanceOf(EdnException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(220)
            .doesNotContainPattern("[\\p{Cntrl}]"));
  }

  @Test
  void doubleInvocationAndMismatchedCompletionNameTheLine() {
    assertThatThrownBy(() -> HistoryFormat.parse("{:process 1, :type :invoke, :f :read}\n\n"
        + "  {:process 1, :type :invoke, :f :write, :value 1}"))
        .isInstanceOf(EdnException.class).hasMessageStartingWith("line 3, column 3:")
        .hasMessageContaining("still pending");
    assertThatThrownBy(() -> HistoryFormat.parse("{:process 1, :type :invoke, :f :read}\n"
        + "{:process 1, :type :ok, :f :write, :value 1}"))
        .isInstanceOf(EdnException.class).hasMessageContaining("invoked read but completes write");
  }
}
