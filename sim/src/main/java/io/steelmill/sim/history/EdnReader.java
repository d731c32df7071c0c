package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the subset of EDN that Jepsen histories use: {@code nil}, booleans, integers (64-bit),
 * decimals, strings, characters, keywords, symbols, vectors and lists (both as {@link List}),
 * maps (insertion-ordered), sets, {@code ;} comments, {@code #_} discards and tagged values (the
 * tag is dropped: {@code #jepsen.history.Op{...}} reads as its map). Every error names the line
 * and column. Hand-written so that the checker needs no dependency.
 */
public final class EdnReader {
  /** A symbol such as {@code foo/bar}; kept apart from strings and keywords. */
  public record Symbol(String name) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final int MAX_DEPTH = 200;

  private final String text;
  private int pos;
  private int line = 1;
  private int lineStart;
  private int depth;

  public EdnReader(String text) {
    this.text = text;
  }

  /** True when another form follows (whitespace, commas and comments skipped). */
  public boolean hasNext() {
    skipBlank();
    return pos < text.length();
  }

  /** The line on which the next form starts (after {@link #hasNext()}). */
  public int line() {
    return line;
  }

  /** Reads the next form. */
  public Object next() {
    skipBlank();
    if (pos >= text.length()) {
      throw error("unexpected end of input, expected a value");
    }
    return readForm();
  }

  private Object readForm() {
    skipBlank();
    if (pos >= text.length()) {
      throw error("unexpected end of input inside a collection");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return nested(() -> readMap());
      case '[':
        pos++;
        return nested(() -> readSequence(']'));
      case '(':
        pos++;
        return nested(() -> readSequence(')'));
      case '"':
        return readString();
      case ':':
        return readKeyword();
      case '#':
        return readDispatch();
      case '\\':
        return readCharacter();
      case ']', ')', '}':
        throw error("unexpected '" + c + "' with no matching opening bracket");
      default:
        if (isDigit(c) || ((c == '-' || c == '+') && pos + 1 < text.length()
            && isDigit(text.charAt(pos + 1)))) {
          return readNumber();
        }
        return readSymbolLike();
    }
  }

  private interface FormReader {
    Object read();
  }

  private Object nested(FormReader reader) {
    if (++depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
    try {
      return reader.read();
    } finally {
      depth--;
    }
  }

  private List<Object> readSequence(char close) {
    List<Object> items = new ArrayList<>();
    while (true) {
      skipBlank();
      if (pos >= text.length()) {
        throw error("unexpected end of input: missing '" + close + "'");
      }
      char c = text.charAt(pos);
      if (c == close) {
        pos++;
        return Collections.unmodifiableList(items);
      }
      if ((c == ']' || c == ')' || c == '}')) {
        throw error("expected '" + close + "' but found '" + c + "'");
      }
      items.add(readForm());
    }
  }

  private Map<Object, Object> readMap() {
    int startLine = line;
    int startColumn = column();
    pos++;
    Map<Object, Object> map = new LinkedHashMap<>();
    while (true) {
      skipBlank();
      if (pos >= text.length()) {
        throw new EdnException("unexpected end of input: the map opened at line " + startLine
            + ", column " + startColumn + " has no '}'", line, column());
      }
      if (text.charAt(pos) == '}') {
        pos++;
        return Collections.unmodifiableMap(map);
      }
      int keyLine = line;
      int keyColumn = column();
      Object key = readForm();
      skipBlank();
      if (pos >= text.length() || text.charAt(pos) == '}') {
        throw error("the map key " + EdnWriter.preview(key) + " has no value");
      }
      Object value = readForm();
      if (map.containsKey(key)) {
        throw new EdnException("duplicate map key " + EdnWriter.preview(key), keyLine, keyColumn);
      }
      map.put(key, value);
    }
  }

  private Object readDispatch() {
    if (pos + 1 >= text.length()) {
      throw error("'#' at the end of the input");
    }
    char c = text.charAt(pos + 1);
    if (c == '{') {
      pos += 2;
      return nested(() -> {
        Set<Object> set = new LinkedHashSet<>(readSequence('}'));
        return Collections.unmodifiableSet(set);
      });
    }
    if (c == '_') {
      pos += 2;
      readForm();
      return readForm();
    }
    if (Character.isLetter(c)) {
      pos++;
      readSymbolLike();
      return readForm();
    }
    throw error("unsupported dispatch '#" + c + "'");
  }

  private String readString() {
    int startLine = line;
    int startColumn = column();
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\n') {
        line++;
        lineStart = pos;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case '"', '\\' -> out.append(e);
        case 'u' -> out.append(readUnicode());
        default -> {
          pos--;
          throw error("unknown escape '\\" + e + "' in a string");
        }
      }
    }
    throw new EdnException("unterminated string starting at line " + startLine + ", column "
        + startColumn, line, column());
  }

  private char readUnicode() {
    if (pos + 4 > text.length()) {
      throw error("a \\u escape needs four hex digits");
    }
    try {
      char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
      pos += 4;
      return c;
    } catch (NumberFormatException e) {
      throw error("a \\u escape needs four hex digits");
    }
  }

  private Object readCharacter() {
    pos++;
    int start = pos;
    while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
      pos++;
    }
    if (pos == start && pos < text.length()) {
      pos++;
    }
    String name = text.substring(start, pos);
    return switch (name) {
      case "newline" -> '\n';
      case "space" -> ' ';
      case "tab" -> '\t';
      case "return" -> '\r';
      default -> {
        if (name.length() == 1) {
          yield name.charAt(0);
        }
        pos = start;
        throw error("unknown character literal \\" + EdnWriter.preview(new Symbol(name)));
      }
    };
  }

  private Keyword readKeyword() {
    int start = ++pos;
    while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      pos = start - 1;
      throw error("a ':' must be followed by a keyword name");
    }
    return new Keyword(text.substring(start, pos));
  }

  private Object readNumber() {
    int start = pos;
    pos++;
    while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
      pos++;
    }
    String token = text.substring(start, pos);
    String digits = token.endsWith("N") ? token.substring(0, token.length() - 1) : token;
    try {
      if (digits.indexOf('.') >= 0 || digits.indexOf('e') >= 0 || digits.indexOf('E') >= 0
          || digits.endsWith("M")) {
        return Double.parseDouble(digits.endsWith("M") ? digits.substring(0, digits.length() - 1)
            : digits);
      }
      return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("malformed or out-of-range number " + EdnWriter.preview(new Symbol(token)));
    }
  }

  private Object readSymbolLike() {
    int start = pos;
    while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw error("unexpected character '" + text.charAt(pos) + "'");
    }
    String token = text.substring(start, pos);
    return switch (token) {
      case "nil" -> null;
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> new Symbol(token);
    };
  }

  private void skipBlank() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (c == ',' || Character.isWhitespace(c)) {
        pos++;
      } else if (c == ';') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDelimiter(char c) {
    return Character.isWhitespace(c) || c == ',' || c == '{' || c == '}' || c == '[' || c == ']'
        || c == '(' || c == ')' || c == '"' || c == ';';
  }

  /** The 1-based column of the reading position (after {@link #hasNext()}: of the next form). */
  public int column() {
    return pos - lineStart + 1;
  }

  private EdnException error(String problem) {
    return new EdnException(problem, line, column());
  }
}
