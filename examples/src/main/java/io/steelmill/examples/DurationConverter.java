package io.steelmill.examples;

import io.steelmill.platform.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people write them on a command line ({@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 2h}, or ISO-8601 {@code PT10M}), read by the runtime's one parser, {@link Durations}:
 * the same forms and messages as the simulator and the test harness. Zero and negative
 * durations are refused.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    try {
      return Durations.parsePositive(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /**
   * {@code duration} as a person types it, and as {@link #convert} reads it back: {@code 2h},
   * {@code 10m}, {@code 30s}, {@code 500ms}, or ISO-8601 when none fits (e.g. {@code PT0.0005S}).
   */
  public static String format(Duration duration) {
    return Durations.format(duration);
  }
}
