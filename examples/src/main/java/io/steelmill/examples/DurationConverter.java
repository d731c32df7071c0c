package io.steelmill.examples;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people write them on a command line: {@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 2h}, or ISO-8601 ({@code PT10M}). Zero and negative durations are refused. (The
 * simulator has its own parser; this one keeps the production build free of simulation classes.)
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    Duration duration = parse(text);
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException("'" + text + "' is not a positive duration");
    }
    return duration;
  }

  private static Duration parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("p")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      int unit = value.endsWith("ms") ? value.length() - 2 : value.length() - 1;
      if (unit <= 0 || !value.substring(0, unit).matches("[+-]?\\d{1,12}")) {
        throw new NumberFormatException();
      }
      long amount = Long.parseLong(value.substring(0, unit));
      return switch (value.substring(unit)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new TypeConversionException(
          "'" + text + "' is not a duration; write 500ms, 30s, 10m, 2h or PT10M");
    }
  }

  /**
   * {@code duration} as a person types it, and as {@link #convert} reads it back: {@code 2h},
   * {@code 10m}, {@code 30s}, {@code 500ms}, or ISO-8601 when none fits (e.g. {@code PT0.0005S}).
   */
  public static String format(Duration duration) {
    if (duration.toNanosPart() % 1_000_000 != 0) {
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
}
