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
    try {
      if (value.startsWith("p")) {
        return Duration.parse(text.trim());
      }
      int unit = value.endsWith("ms") ? value.length() - 2 : value.length() - 1;
      // ASCII digits only: Long.parseLong also takes other scripts' digits and a plus sign
      if (unit <= 0 || !value.substring(0, unit).matches("-?[0-9]{1,18}")) {
        throw new IllegalArgumentException();
      }
      long amount = Long.parseLong(value.substring(0, unit));
      return switch (value.substring(unit)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a duration: \"" + text + "\"; write 500ms, 30s, 10m, 2h or PT10M", e);
    }
  }
}
