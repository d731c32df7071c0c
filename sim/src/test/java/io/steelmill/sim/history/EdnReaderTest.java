package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdnReaderTest {
  private static Object read(String text) {
    return new EdnReader(text).next();
  }

  @Test
  void readsTheJepsenSubset() {
    Object map = read("{:process 0, :type :invoke, :f :cas, :value [1 -2], :key \"k\\n\\\"\"}");
    assertThat(map).isEqualTo(Map.of(Keyword.of("process"), 0L, Keyword.of("type"),
        Keyword.of("invoke"), Keyword.of("f"), Keyword.of("cas"), Keyword.of("value"),
        List.of(1L, -2L), Keyword.of("key"), "k\n\""));
    assertThat(read("nil")).isNull();
    assertThat(read("true")).isEqualTo(true);
    assertThat(read("(1 2.5 \\a)")).isEqualTo(List.of(1L, 2.5, 'a'));
    assertThat(read("#{1}")).isEqualTo(Set.of(1L));
    assertThat(read("#jepsen.history.Op{:index 3}")).isEqualTo(Map.of(Keyword.of("index"), 3L));
    assertThat(read("[1 #_ 2 3]")).isEqualTo(List.of(1L, 3L));
    assertThat(read("; comment\n  foo/bar")).isEqualTo(new EdnReader.Symbol("foo/bar"));
    assertThat(read("\"\\u00e9\"")).isEqualTo("\u00e9");
  }

  @Test
  void writesWhatItReads() {
    String text = "{:a [1 nil \"x\\ty\" :k #{2}], \"s\" {:n -3}}";
    assertThat(EdnWriter.write(read(text))).isEqualTo(text);
    assertThat(read(EdnWriter.write(read(text)))).isEqualTo(read(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{:a 1                    | 1 | 6  | has no '}'",
      "{:a 1 :b}                | 1 | 9  | has no value",
      "[1 2                     | 1 | 5  | missing ']'",
      "[1 2)                    | 1 | 5  | expected ']' but found ')'",
      "]                        | 1 | 1  | no matching opening bracket",
      "\"abc                    | 1 | 5  | unterminated string starting at line 1, column 1",
      "\"a\\qb\"                | 1 | 4  | unknown escape",
      ":                        | 1 | 1  | keyword name",
      "99999999999999999999     | 1 | 1  | out-of-range number",
      "12ab                     | 1 | 1  | malformed",
      "{:a 1 :a 2}              | 1 | 7  | duplicate map key :a",
      "#<foo>                   | 1 | 1  | unsupported dispatch",
      "\\unknownchar            | 1 | 2  | unknown character literal",
  })
  void malformedInputNamesLineAndColumn(String text, int line, int column, String problem) {
    assertThatThrownBy(() -> {
      EdnReader reader = new EdnReader(text.strip());
      while (reader.hasNext()) {
        reader.next();
      }
    }).isInstanceOf(EdnException.class)
        .hasMessageStartingWith("line " + line + ", column " + column + ":")
        .hasMessageContaining(problem);
  }

  @Test
  void errorOnALaterLineCountsLines() {
    EdnReader reader = new EdnReader("{:a 1}\n{:b 2}\n  {:c \"x");
    reader.next();
    reader.next();
    assertThatThrownBy(reader::next).isInstanceOf(EdnException.class)
        .hasMessageStartingWith("line 3, column 9:")
        .hasMessageContaining("starting at line 3, column 7");
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    char[] open = new char[100_000];
    Arrays.fill(open, '[');
    assertThatThrownBy(() -> read(new String(open))).isInstanceOf(EdnException.class)
        .hasMessageContaining("nesting deeper than");
  }

  @Test
  void emptyInputHasNoForm() {
    assertThat(new EdnReader("  ,, ; nothing\n").hasNext()).isFalse();
    assertThatThrownBy(() -> read("")).isInstanceOf(EdnException.class)
        .hasMessageContaining("unexpected end of input");
  }
}
