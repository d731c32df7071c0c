package io.steelmill.sim;

/**
 * How text from a run (failure messages, paths, suite names) goes into a sweep's reports and
 * one-line messages: quoted as a JSON string ({@link SweepJson} reads it back as it was), or
 * escaped so that it stays on one line and cannot forge a line of output.
 */
final class ReportText {
  private ReportText() {}

  /** {@code value} as a JSON string literal; {@code null} as JSON's null. */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || unpairedSurrogate(value, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * {@code text} on one line, as a message or a terminal shows it: control characters but the tab
   * (C0, DEL, C1: line breaks, escape sequences) and Unicode's line and paragraph separators as
   * {@code \\uXXXX}, everything else as it is. A path, a suite name or a failure message comes
   * from a file or a command line, and must neither split a one-line error nor forge a line of
   * output.
   */
  static String printable(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = c >= 0x20 && (c < 0x7f || c > 0x9f) && c != '\u2028' && c != '\u2029'
          || c == '\t';
      if (!plain && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (!plain) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * Whether {@code value.charAt(i)} is half a surrogate pair without its other half (a message
   * cut in the middle of an emoji): written raw it is not UTF-8, so the report could not be
   * written; escaped, it reads back as it was.
   */
  private static boolean unpairedSurrogate(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
    }
    return Character.isLowSurrogate(c)
        && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
  }
}
