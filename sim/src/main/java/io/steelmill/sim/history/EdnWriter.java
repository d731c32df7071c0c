package io.steelmill.sim.history;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes values in the EDN subset that {@link EdnReader} reads back to equal values. */
public final class EdnWriter {
  private EdnWriter() {}

  /** The EDN text of {@code value}. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  /**
   * The EDN text of {@code value} for an error message: at most 60 characters, anything
   * unprintable (a binary file read as text) shown as {@code ?}.
   */
  public static String preview(Object value) {
    String text = write(value);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 60; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f || Character.isLetterOrDigit(c) ? c : '?');
    }
    return out.length() < text.length() ? out + "..." : out.toString();
  }

  /**
   * An operation's function for a message: {@code :read}, or, for a name no keyword can hold, the
   * string as EDN writes it; bounded and on one line like {@link #preview} (a file's {@code :f}
   * may hold a line break or a megabyte).
   */
  public static String function(String f) {
    return preview(isKeywordName(f) ? Keyword.of(f) : f);
  }

  /** As {@link #function} without the keyword's colon: {@code read}, for prose. */
  public static String name(String f) {
    return isKeywordName(f) ? preview(Keyword.of(f)).substring(1) : preview(f);
  }

  /** Appends the EDN text of {@code value} to {@code out}. */
  public static void append(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("nil");
      case String s -> appendString(out, s);
      case Character c -> appendCharacter(out, c);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.append(first ? "" : ", ");
          first = false;
          append(out, e.getKey());
          out.append(' ');
          append(out, e.getValue());
        }
        out.append('}');
      }
      case Set<?> set -> appendAll(out.append("#{"), set).append('}');
      case List<?> list -> appendAll(out.append('['), list).append(']');
      case Integer i -> out.append(i.longValue());
      case Long l -> out.append(l.longValue());
      case Double d when d.isNaN() -> out.append("##NaN");
      case Double d when d.isInfinite() -> out.append(d > 0 ? "##Inf" : "##-Inf");
      case java.math.BigInteger b -> out.append(b).append('N');
      case java.math.BigDecimal b -> out.append(b).append('M'); // 1E+999999999: not its digits
      case java.util.Date d -> out.append(EdnTags.print(d));
      case java.time.Instant i -> out.append(EdnTags.print(java.util.Date.from(i)));
      case java.util.UUID u -> out.append("#uuid \"").append(u).append('"');
      default -> out.append(value);
    }
  }

  /** Whether {@code name} reads back as the same keyword: non-empty, with no delimiter. */
  static boolean isKeywordName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || ",{}[]()\";#\\:".indexOf(c) >= 0 || c < 0x20) {
        return false;
      }
    }
    return true;
  }

  private static StringBuilder appendAll(StringBuilder out, Collection<?> items) {
    boolean first = true;
    for (Object item : items) {
      out.append(first ? "" : " ");
      first = false;
      append(out, item);
    }
    return out;
  }

  private static void appendCharacter(StringBuilder out, char c) {
    switch (c) {
      case '\n' -> out.append("\\newline");
      case ' ' -> out.append("\\space");
      case '\t' -> out.append("\\tab");
      case '\r' -> out.append("\\return");
      default -> {
        if (Character.isISOControl(c) || Character.isWhitespace(c) || c == ',') {
          out.append(String.format("\\u%04x", (int) c)); // raw, the reader would see a blank
        } else {
          out.append('\\').append(c);
        }
      }
    }
  }

  private static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
