package io.steelmill.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON that sweep reports need, read without a library: objects (kept in file order),
 * arrays, strings, integers, booleans and null, and their fields as the types a report expects.
 * Reading is strict: anything else is an error with its offset. Strings are written by {@link
 * ReportText#quote}.
 */
final class SweepJson {
  /** How deep arrays and objects may nest: a report needs 3; a corrupt file must not overflow. */
  private static final int MAX_DEPTH = 64;

  private final String text;
  private int at;
  private int depth;

  private SweepJson(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    SweepJson reader = new SweepJson(text);
    Object value = reader.value();
    reader.blank();
    if (reader.at != text.length()) {
      throw reader.error("text after the end of the document");
    }
    return value;
  }

  /**
   * {@code value} as a {@code type}, or an error naming {@code what} it should have been.
   */
  static <T> T as(Object value, Class<T> type, String what) {
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(what + " is " + kind(value) + ", not " + kind(type));
    }
    return type.cast(value);
  }

  /** The field {@code name} of {@code object} as a {@code type}; null only when allowed. */
  static <T> T field(Map<?, ?> object, String name, Class<T> type, boolean nullable) {
    Object value = object.get(name);
    if (value == null && !object.containsKey(name)) {
      throw new IllegalArgumentException("field \"" + name + "\" is missing");
    }
    if (value == null && nullable) {
      return null;
    }
    return as(value, type, "field \"" + name + "\"");
  }

  private static String kind(Object value) {
    return value == null ? "null" : kind(value.getClass());
  }

  private static String kind(Class<?> type) {
    if (Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    if (List.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type == Long.class) {
      return "a whole number";
    }
    return type == Boolean.class ? "true or false" : "a string";
  }

  private Object value() {
    blank();
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    if ((c == '{' || c == '[') && ++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> word("true", Boolean.TRUE);
      case 'f' -> word("false", Boolean.FALSE);
      case 'n' -> word("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> object = new LinkedHashMap<>();
    at++;
    blank();
    if (peek('}')) {
      at++;
      depth--;
      return object;
    }
    while (true) {
      blank();
      if (!peek('"')) {
        throw error("expected a quoted key");
      }
      int keyAt = at;
      String key = string();
      blank();
      expect(':');
      if (object.containsKey(key)) { // the last would win: a failing seed could vanish
        at = keyAt;
        throw error("the key " + ReportText.quote(key) + " is given twice in one object");
      }
      object.put(key, value());
      blank();
      if (peek(',')) {
        at++;
      } else {
        expect('}');
        depth--;
        return object;
      }
    }
  }

  private List<Object> array() {
    List<Object> array = new ArrayList<>();
    at++;
    blank();
    if (peek(']')) {
      at++;
      depth--;
      return array;
    }
    while (true) {
      array.add(value());
      blank();
      if (peek(',')) {
        at++;
      } else {
        expect(']');
        depth--;
        return array;
      }
    }
  }

  private String string() {
    at++;
    StringBuilder out = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        break;
      }
      char escaped = text.charAt(at++);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("short \\u escape");
          }
          String hex = text.substring(at, at + 4);
          if (!hex.chars().allMatch(h -> Character.digit(h, 16) >= 0 && h < 0x80)) {
            throw error("bad \\u escape");
          }
          out.append((char) Integer.parseInt(hex, 16));
          at += 4;
        }
        case '"', '\\', '/' -> out.append(escaped);
        default -> throw error("bad escape \\" + escaped);
      }
    }
    throw error("unterminated string");
  }

  private Long number() {
    int start = at;
    if (peek('-')) {
      at++;
    }
    int digits = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    if (at == digits) {
      throw error("expected a value");
    }
    try {
      return Long.parseLong(text.substring(start, at));
    } catch (NumberFormatException e) {
      throw error("expected a value");
    }
  }

  private Object word(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("expected a value");
    }
    at += word.length();
    return value;
  }

  private void blank() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not valid JSON at offset " + at + ": " + what);
  }
}
