package io.steelmill.sim;

import java.time.Duration;
import java.util.Locale;

/** Short durations as people write them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}. */
public final class Durations {
  private Durations() {}

  /**
   * Parses {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} or an ISO-8601 duration.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("p")) {
      return Duration.parse(text.trim());
    }
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a duration: \"" + text + "\"; write 500ms, 30s, 10m, 2h or PT10M", e);
    }
  }
}
