package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one duration parser, against what people (and scripts with unset variables) type: every
 * unit, ISO-8601, whitespace around and inside, signs, other scripts' digits, overflow far past
 * what a {@code Duration} or a nanosecond clock holds, control characters, and seeded random
 * strings. A refusal is always an {@link IllegalArgumentException} with one short line quoting
 * the input; nothing else ever escapes.
 */
class DurationsHostileTest {
  private static final long SEED = 0x5EED_D0_2AL;

  @Test
  void readsEveryUnitAndIso() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("10S")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("10MS")).isEqualTo(Duration.ofMillis(10));
    assertThat(Durations.parse("007s")).isEqualTo(Duration.ofSeconds(7));
    assertThat(Durations.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.parse("pt10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.parse("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("P1D")).isEqualTo(Duration.ofDays(1));
    assertThat(Durations.parse(" 30s\t")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("\u2003 30s\u3000")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("0s")).isZero();
    assertThat(Durations.parse("2562047h")).isEqualTo(Duration.ofHours(2562047));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t", "s", "ms", "h", "5", "5x", "5 s", "5\ns", "+5s", "--5s",
      "5.5s", "1e3s", "1h1m", "1d", "5us", "5ns", "0x10s", "1_000s", "\u0665s", "\uff15s",
      "\u0967\u0966m", "PXT", "PT", "P", "PT1H1", "PT\u0665S", "P1Y", "abc", "5s5", "s5",
      "-", "-s", "-ms", "\u0000", "5\u0000s", "\"5s\"", "5s;", "5\u202es", "\ud800s"})
  void refusesWhatIsNotADuration(String text) {
    assertRefused(() -> Durations.parse(text), text, "not a duration: ");
    assertRefused(() -> Durations.parsePositive(text), text, "not a duration: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5s", "-1ms", "PT-5S", "-PT5S"})
  void refusesNegative(String text) {
    assertRefused(() -> Durations.parse(text), text, "must not be negative");
    assertRefused(() -> Durations.parsePositive(text), text, "must be positive");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0ms", "PT0S", "000h", "-0s", "PT-0S"})
  void positiveRefusesZero(String text) {
    assertThat(Durations.parse(text)).isZero();
    assertRefused(() -> Durations.parsePositive(text), text, "must be positive");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2562048h", "999999999999999999h", "999999999999999999ms",
      "9223372036854775807ms", "9223372036854775808s", "99999999999999999999999999999s",
      "153722867281m", "PT2562048H", "PT9999999999999999H", "P99999999999999D",
      "PT9223372036854775807S", "-PT9223372036854775807S", "PT-9223372036854775808S",
      "-999999999999999999h"})
  void refusesWhatNoClockCanHold(String text) {
    assertRefused(() -> Durations.parse(text), text, "too long: ");
    assertRefused(() -> Durations.parsePositive(text), text, "too long: ");
  }

  @Test
  void nullIsRefusedInWords() {
    assertThatThrownBy(() -> Durations.parse(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing given");
  }

  @Test
  void aHugeInputIsQuotedClippedAndOnOneLine() {
    String text = "\n".repeat(5) + "9".repeat(100_000) + "s";
    assertRefused(() -> Durations.parse(text), text, "too long: ");
    String words = "x\r\n".repeat(50_000);
    assertRefused(() -> Durations.parse(words), words, "not a duration: ");
  }

  /** Seeded: what {@link Durations#format} writes, {@link Durations#parse} reads back. */
  @Test
  void formatRoundTrips() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 2000; i++) {
      Duration duration =
          switch (random.nextInt(4)) {
            case 0 -> Duration.ofMillis(random.nextLong(0, 1L << 40));
            case 1 -> Duration.ofSeconds(random.nextLong(0, 1L << 30));
            case 2 -> Duration.ofNanos(random.nextLong(0, Long.MAX_VALUE));
            default -> Duration.ofHours(random.nextLong(0, 2562047));
          };
      String written = Durations.format(duration);
      assertThat(Durations.parse(written)).as("seed %s, case %s: %s", SEED, i, written)
          .isEqualTo(duration);
    }
  }

  /**
   * Seeded random strings from a hostile alphabet (digits of several scripts, units, signs,
   * spaces, controls, ISO letters): each is a duration or one refusal of the three kinds.
   */
  @Test
  void randomTextIsADurationOrOneCleanRefusal() {
    String[] pieces = {"0", "1", "9", "5", "00", "999999999", "\u0665", "\uff15", "ms", "s",
        "m", "h", "d", "P", "T", "p", "t", "H", "M", "S", "D", ".", "-", "+", " ", "\t", "\n",
        "\u2003", "\u0000", "\u202e", "e", "_", ",", "x", "\ud83d\ude00"};
    SplittableRandom random = new SplittableRandom(SEED);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(8);
      for (int j = 0; j < length; j++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String input = text.toString();
      try {
        Duration duration = Durations.parse(input);
        assertThat(duration.isNegative()).as("seed %s, case %s: %s", SEED, i, input).isFalse();
        assertThat(duration).isLessThanOrEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        accepted++;
      } catch (IllegalArgumentException e) {
        assertOneLine(e, input, "seed " + SEED + ", case " + i);
      }
    }
    assertThat(accepted).as("seed %s: some random text is a duration", SEED).isPositive();
  }

  private static void assertRefused(Runnable parse, String text, String start) {
    try {
      parse.run();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).as(shown(text)).startsWith(start);
      assertOneLine(e, text, shown(text));
      return;
    }
    throw new AssertionError("accepted " + shown(text));
  }

  private static void assertOneLine(IllegalArgumentException e, String text, String context) {
    assertThat(e).as(context).isExactlyInstanceOf(IllegalArgumentException.class);
    String message = e.getMessage();
    assertThat(message).as(context).doesNotContain("\n").doesNotContain("\r")
        .doesNotContain("\u2028").doesNotContain("\u0000");
    assertThat(message.length()).as(context + ": " + message).isLessThan(160);
    assertThat(message).as(context)
        .matches("(not a duration: .*; write 500ms, 30s, 10m, 2h or PT10M"
            + "|must not be negative, not \".*\"|must be positive, not \".*\""
            + "|too long: .*; at most 2562047h \\(about 292 years\\))");
  }

  private static String shown(String text) {
    return text.length() > 60 ? "\"" + text.substring(0, 60) + "...\"" : "\"" + text + "\"";
  }
}
