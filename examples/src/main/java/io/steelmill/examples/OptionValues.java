package io.steelmill.examples;

import java.util.Locale;

/**
 * How an enum constant is spelled on the command line ({@code STALE_READ} as {@code stale-read}),
 * so that every option naming a constant reads and is parsed the same way.
 */
public final class OptionValues {
  private OptionValues() {}

  /** The option value of {@code value}, e.g. {@code stale-read}. */
  public static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} spelled {@code option}, or null when none is. */
  public static <E extends Enum<E>> E named(Class<E> type, String option) {
    for (E value : type.getEnumConstants()) {
      if (of(value).equals(option)) {
        return value;
      }
    }
    return null;
  }
}
