package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * EDN's built-in tags and keywords as Clojure's reader (Knossos, Jepsen) reads them. {@code
 * #inst} and {@code #uuid} were read as their plain strings: one instant written in two spellings
 * was two values, an instant and the string of its text one value, and a date Clojure refuses was
 * read. {@code ::a} (an auto-resolved keyword, no EDN) was read as the keyword {@code ::a}.
 */
class EdnTagsTest {
  private static Verdict check(String text) {
    return new LinearizabilityChecker(Models.named("register"), Duration.ofSeconds(30),
        Duration.ofSeconds(30)).check(HistoryFormat.parse(text)).verdict();
  }

  private static String writeThenRead(String written, String read) {
    return "{:process 0 :type :invoke :f :write :value " + written + "}\n"
        + "{:process 0 :type :ok :f :write :value " + written + "}\n"
        + "{:process 1 :type :invoke :f :read :value nil}\n"
        + "{:process 1 :type :ok :f :read :value " + read + "}\n";
  }

  private static Object read(String text) {
    return new EdnReader(text).next();
  }

  @Test
  void oneInstantInTwoSpellingsIsOneValue() {
    assertThat(check(writeThenRead("#inst \"2020-01-01T00:00:00Z\"",
        "#inst \"2020-01-01T01:30:00.000+01:30\""))).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(check(writeThenRead("#inst \"2020\"", "#inst \"2020-01-01T00:00:00.000-00:00\"")))
        .isEqualTo(Verdict.LINEARIZABLE);
    // Clojure keeps milliseconds (a java.util.Date): digits past them make no other value
    assertThat(check(writeThenRead("#inst \"2020-01-01T00:00:00.0001Z\"",
        "#inst \"2020-01-01T00:00:00.0009Z\""))).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void anInstantIsNotItsText() {
    assertThat(check(writeThenRead("#inst \"2020-01-01T00:00:00Z\"", "\"2020-01-01T00:00:00Z\"")))
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(check(writeThenRead("#inst \"2020-01-01T00:00:00Z\"",
        "#inst \"2020-01-01T00:00:00.001Z\""))).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(check(writeThenRead("#uuid \"00000000-0000-0000-0000-000000000001\"",
        "\"00000000-0000-0000-0000-000000000001\""))).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aUuidIsOneValueInEitherCase() {
    assertThat(check(writeThenRead("#uuid \"0000000a-0000-0000-0000-00000000000b\"",
        "#uuid \"0000000A-0000-0000-0000-00000000000B\""))).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(read("#uuid \"0000000a-0000-0000-0000-00000000000b\""))
        .isEqualTo(UUID.fromString("0000000a-0000-0000-0000-00000000000b"));
  }

  @Test
  void whatClojureRefusesIsRefused() {
    for (String bad : new String[] {"#inst \"2020-13-01\"", "#inst \"2019-02-29\"",
        "#inst \"2020-01-01T24:00:00Z\"", "#inst \"2020-01-01T00:00:60Z\"", "#inst \"20\"",
        "#inst \"2020-01-01 00:00:00\"", "#inst 2020", "#inst \"\"", "#uuid \"nope\"",
        "#uuid 1", "::a", "[:a ::b/c]", "{::k 1}"}) {
      assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOf(EdnException.class)
          .hasMessageContaining("line 1");
    }
    assertThatThrownBy(() -> read("::a")).hasMessageContaining("auto-resolved keyword ::a")
        .hasMessageContaining("Fix:");
    // a leap second where Clojure allows one, and a leap day
    assertThat(read("#inst \"2016-12-31T23:59:60Z\""))
        .isEqualTo(Date.from(Instant.parse("2017-01-01T00:00:00Z")));
    assertThat(read("#inst \"2020-02-29\""))
        .isEqualTo(Date.from(Instant.parse("2020-02-29T00:00:00Z")));
    // another tag still reads as its form (Jepsen's #jepsen.history.Op{...} records)
    assertThat(read("#jepsen.history.Op{:a 1}")).isEqualTo(java.util.Map.of(Keyword.of("a"), 1L));
  }

  @Test
  void tagsWriteAndReadBack() {
    Object date = read("#inst \"1969-12-31T23:59:59.999-00:00\"");
    assertThat(EdnWriter.write(date)).isEqualTo("#inst \"1969-12-31T23:59:59.999-00:00\"");
    assertThat(read(EdnWriter.write(date))).isEqualTo(date);
    UUID id = UUID.fromString("12345678-90ab-cdef-1234-567890abcdef");
    assertThat(read(EdnWriter.write(id))).isEqualTo(id);
    // a history recorded in Java with Instants checks as its file does
    History history = new History(() -> 0);
    history.invoke(0, "write", Instant.parse("2020-01-01T00:00:00Z"));
    history.ok(0, Instant.parse("2020-01-01T00:00:00Z"));
    history.invoke(1, "read", null);
    history.ok(1, Date.from(Instant.parse("2020-01-01T00:00:00Z")));
    Verdict inMemory = new LinearizabilityChecker(Models.named("register"),
        Duration.ofSeconds(30)).check(history).verdict();
    assertThat(inMemory).isEqualTo(Verdict.LINEARIZABLE)
        .isEqualTo(check(history.toEdn()));
  }
}
