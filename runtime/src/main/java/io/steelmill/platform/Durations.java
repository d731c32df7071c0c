package io.steelmill.platform;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Durations as people write them in options, properties and annotations: {@code 500ms}, {@code
 * 30s}, {@code 10m}, {@code 2h}, or ISO-8601 ({@code PT10M}). The one parser of the project: the
 * command line, the simulator and the test harness all read durations here, so they accept the
 * same forms and refuse mistakes with the same words. It lives in the runtime because a
 * production build carries no simulator class.
 *
 * <p>Refused, each with a one-line message that quotes the text (clipped, control characters
 * escaped): anything but ASCII digits and one of the units {@code ms s m h} (no sign, no space
 * inside, no other script's digits), negative durations, and durations too long to count in
 * nanoseconds (about 292 years), which clocks and deadlines could not hold.
 */
public final class Durations {
  /** The forms accepted, as each message ends. */
  public static final String FORMS = "write 500ms, 30s, 10m, 2h or PT10M";

  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);
  private static final int MAX_DIGITS = 18;

  private Durations() {}

  /**
   * The duration {@code text} writes; zero allowed, surrounding whitespace ignored.
   *
   * @throws IllegalArgumentException with a one-line message quoting {@code text}
   */
  public static Duration parse(String text) {
    Duration duration = read(text);
    if (duration.isNegative()) {
      throw new IllegalArgumentException("must not be negative, not " + quote(text));
    }
    return duration;
  }

  /**
   * The duration {@code text} writes, which must be more than zero (a timeout, a run's length).
   *
   * @throws IllegalArgumentException with a one-line message quoting {@code text}
   */
  public static Duration parsePositive(String text) {
    Duration duration = read(text);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("must be positive, not " + quote(text));
    }
    return duration;
  }

  /**
   * {@code duration} as a person types it, and as {@link #parse} reads it back: {@code 2h},
   * {@code 10m}, {@code 30s}, {@code 500ms}, or ISO-8601 when none fits ({@code PT0.0005S}).
   */
  public static String format(Duration duration) {
    if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0
        || duration.compareTo(LONGEST) > 0) {
      return duration.toString();
    }
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static Duration read(String text) {
    if (text == null) {
      throw new IllegalArgumentException("not a duration: nothing given; " + FORMS);
    }
    String value = text.strip().toLowerCase(Locale.ROOT);
    Duration duration;
    try {
      duration = value.startsWith("p") || value.startsWith("-p") || value.startsWith("+p")
          ? iso(value, text)
          : withUnit(value, text);
      if (duration.abs().compareTo(LONGEST) > 0) {
        duration = null;
      }
    } catch (ArithmeticException tooLong) {
      duration = null; // beyond Duration itself
    }
    if (duration == null) {
      throw new IllegalArgumentException(
          "too long: " + quote(text) + "; at most " + format(LONGEST.truncatedTo(
              java.time.temporal.ChronoUnit.HOURS)) + " (about 292 years)");
    }
    return duration;
  }

  private static Duration iso(String value, String text) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0x7f) { // Duration.parse takes other scripts' digits
        throw notADuration(text);
      }
    }
    try {
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      if (e.getCause() instanceof ArithmeticException tooLong) {
        throw tooLong;
      }
      throw notADuration(text);
    }
  }

  private static Duration withUnit(String value, String text) {
    int unit = value.endsWith("ms") ? value.length() - 2 : value.length() - 1;
    if (unit <= 0) {
      throw notADuration(text);
    }
    boolean negative = value.charAt(0) == '-';
    String digits = value.substring(negative ? 1 : 0, unit);
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw notADuration(text);
    }
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    if (trimmed.length() > MAX_DIGITS) {
      throw new ArithmeticException("too many digits");
    }
    long amount = Long.parseLong(trimmed) * (negative ? -1 : 1);
    return switch (value.substring(unit)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> throw notADuration(text);
    };
  }

  private static IllegalArgumentException notADuration(String text) {
    return new IllegalArgumentException("not a duration: " + quote(text) + "; " + FORMS);
  }

  /**
   * {@code text} in quotes, clipped after about 40 characters, with control and other invisible characters
   * escaped: a message stays one line whatever was typed.
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      if (out.length() > 40) {
        out.append("...");
        break;
      }
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isISOControl(c)
          || Character.getType(c) == Character.LINE_SEPARATOR
          || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
          || Character.getType(c) == Character.FORMAT
          || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
