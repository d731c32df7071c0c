package io.steelmill.examples.replicated;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The text formats of the replicated store: keys and values are single tokens (so messages and
 * the replica's log split on spaces), entries travel as {@code key value epoch seq} groups, and
 * numbers are non-negative longs. Every parser here refuses malformed input with an {@link
 * IllegalArgumentException} instead of guessing, so a peer's bug cannot corrupt a replica.
 */
final class Wire {
  /** Keys and values: 1 to 64 letters, digits or {@code _-.:}. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

  private Wire() {}

  static boolean isToken(String text) {
    return text != null && TOKEN.matcher(text).matches();
  }

  /** {@code text} as a non-negative long. */
  static long number(String text) {
    if (!NUMBER.matcher(text).matches()) {
      throw new IllegalArgumentException("not a number: \"" + text + "\"");
    }
    return Long.parseLong(text);
  }

  /** {@code entries} as {@code key value epoch seq} groups, space-separated. */
  static String entries(Map<String, Versioned> entries) {
    StringBuilder out = new StringBuilder();
    entries.forEach((key, v) -> out.append(' ').append(key).append(' ').append(v.value())
        .append(' ').append(v.epoch()).append(' ').append(v.seq()));
    return out.toString();
  }

  /** The entries in {@code parts} from index {@code from} on, in groups of four. */
  static Map<String, Versioned> entries(String[] parts, int from) {
    if ((parts.length - from) % 4 != 0) {
      throw new IllegalArgumentException("entries come in groups of four, not "
          + (parts.length - from) + " fields");
    }
    Map<String, Versioned> out = new TreeMap<>();
    for (int i = from; i < parts.length; i += 4) {
      if (!isToken(parts[i]) || !isToken(parts[i + 1])) {
        throw new IllegalArgumentException("not a key and a value: " + parts[i] + " "
            + parts[i + 1]);
      }
      out.put(parts[i], new Versioned(parts[i + 1], number(parts[i + 2]), number(parts[i + 3])));
    }
    return out;
  }
}
