package io.steelmill.sim.history;

import io.steelmill.sim.history.EdnReader.Symbol;

/**
 * The lexical half of {@link EdnReader}: a position in the text with its line and column, blank
 * and comment skipping, and the atoms (strings, characters, keywords, numbers, symbols and the
 * words {@code nil}, {@code true}, {@code false}). The reader keeps the structure (collections,
 * dispatch, nesting depth); both report errors through {@link #error} so that every message names
 * the line and column where reading stopped.
 */
final class EdnScanner {
  private final String text;
  private int pos;
  private int line = 1;
  private int lineStart;

  EdnScanner(String text) {
    this.text = text;
    // a byte-order mark, as some editors write at the start of a UTF-8 file, is not a form
    if (text.startsWith("\uFEFF")) {
      pos = 1;
      lineStart = 1;
    }
  }

  /** True when the whole text has been read. */
  boolean atEnd() {
    return pos >= text.length();
  }

  /** The character {@code ahead} places after the reading position (see {@link #has}). */
  char peek(int ahead) {
    return text.charAt(pos + ahead);
  }

  /** True when at least {@code count} characters are left. */
  boolean has(int count) {
    return pos + count <= text.length();
  }

  /** Moves the reading position {@code count} characters on (never across a line break). */
  void skip(int count) {
    pos += count;
  }

  /** The 1-based line of the reading position. */
  int line() {
    return line;
  }

  /** The 1-based column of the reading position. */
  int column() {
    return pos - lineStart + 1;
  }

  /** An error at the reading position. */
  EdnException error(String problem) {
    return new EdnException(problem, line, column());
  }

  /** True when the next form is a number (a digit, or a sign followed by one). */
  boolean atNumber() {
    char c = text.charAt(pos);
    return isDigit(c) || ((c == '-' || c == '+') && pos + 1 < text.length()
        && isDigit(text.charAt(pos + 1)));
  }

  String readString() {
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
          throw error("unknown escape in a string: a backslash followed by " + show(e));
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
    String digits = text.substring(pos, pos + 4);
    if (!isHex(digits)) { // parseInt also takes a sign: "+041" was read as A
      throw error("a \\u escape needs four hex digits");
    }
    pos += 4;
    return (char) Integer.parseInt(digits, 16);
  }

  private static boolean isHex(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0 || digits.charAt(i) > 'f') {
        return false;
      }
    }
    return !digits.isEmpty();
  }

  Object readCharacter() {
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
        if (name.length() == 5 && name.charAt(0) == 'u' && isHex(name.substring(1))) {
          char c = (char) Integer.parseInt(name.substring(1), 16);
          if (!Character.isSurrogate(c)) { // as Clojure's reader: no half of a pair alone
            yield c;
          }
        }
        pos = start;
        throw error("unknown character literal \\" + EdnWriter.preview(new Symbol(name)));
      }
    };
  }

  Keyword readKeyword() {
    int start = ++pos;
    while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      pos = start - 1;
      throw error("a ':' must be followed by a keyword name");
    }
    if (text.charAt(start) == ':') {
      // Clojure's reader resolves ::a against the reading namespace; EDN has no such keyword
      String token = text.substring(start - 1, pos);
      pos = start - 1;
      throw error("the auto-resolved keyword " + EdnWriter.preview(new EdnReader.Symbol(token))
          + " is not EDN (Clojure resolves it against a namespace). Fix: write the keyword"
          + " with its namespace, :ns/name");
    }
    return new Keyword(text.substring(start, pos));
  }

  /** The longest number read: longer ones are an error, not seconds of parsing. */
  static final int MAX_NUMBER_CHARACTERS = 1000;

  Object readNumber() {
    int start = pos;
    pos++;
    while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
      pos++;
    }
    String token = text.substring(start, pos);
    if (token.length() > MAX_NUMBER_CHARACTERS) {
      // parsing a BigInteger or BigDecimal takes time quadratic in its digits
      pos = start;
      throw error("a number of " + token.length() + " characters; at most "
          + MAX_NUMBER_CHARACTERS + " are read");
    }
    boolean big = token.endsWith("N");
    String digits = big ? token.substring(0, token.length() - 1) : token;
    boolean decimal = digits.endsWith("M") || digits.indexOf('.') >= 0
        || digits.indexOf('e') >= 0 || digits.indexOf('E') >= 0;
    String magnitude = digits.startsWith("+") || digits.startsWith("-") ? digits.substring(1)
        : digits;
    if (!decimal && magnitude.length() > 1 && magnitude.charAt(0) == '0'
        && magnitude.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // Clojure reads 010 as octal 8, and 08 not at all: EDN has no such integer
      pos = start;
      throw error("the integer " + EdnWriter.preview(new Symbol(token)) + " starts with 0,"
          + " which EDN does not allow (Clojure would read 010 as octal 8)");
    }
    if (big && decimal) {
      pos = start;
      throw error("malformed number " + EdnWriter.preview(new Symbol(token))
          + ": N is for integers");
    }
    try {
      if (digits.endsWith("M")) {
        // arbitrary precision, as EDN's M promises: a double made 0.1M and 0.10000000000000001M
        // one value; trailing zeros do not count (1.0M is 1.00M, as Clojure's =)
        return canonicalDecimal(new java.math.BigDecimal(unsigned(
            digits.substring(0, digits.length() - 1))));
      }
      if (digits.indexOf('.') >= 0 || digits.indexOf('e') >= 0 || digits.indexOf('E') >= 0) {
        return Double.parseDouble(digits);
      }
      if (big) {
        // N asks for arbitrary precision: 99999999999999999999N is valid EDN (it was refused);
        // a value that fits is a Long, so 5N and 5 stay one value
        java.math.BigInteger value = new java.math.BigInteger(unsigned(digits));
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
      }
      return Long.parseLong(unsigned(digits));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("malformed or out-of-range number " + EdnWriter.preview(new Symbol(token)));
    }
  }

  private static String unsigned(String digits) {
    return digits.startsWith("+") ? digits.substring(1) : digits;
  }

  private static java.math.BigDecimal canonicalDecimal(java.math.BigDecimal value) {
    return value.stripTrailingZeros();
  }

  Object readSymbolLike() {
    int start = pos;
    while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw error(pos < text.length() ? "unexpected character " + show(text.charAt(pos))
          : "unexpected end of input");
    }
    String token = text.substring(start, pos);
    return switch (token) {
      case "nil" -> null;
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> new Symbol(token);
    };
  }

  void skipBlank() {
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

  /**
   * A character of the input as an error message shows it: {@code 'x'} when printable, else its
   * code point ({@code U+000A}), so that a message about a line break stays on one line.
   */
  static String show(char c) {
    return c >= 0x20 && c < 0x7f || Character.isLetterOrDigit(c) ? "'" + c + "'"
        : String.format("U+%04X", (int) c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDelimiter(char c) {
    return Character.isWhitespace(c) || c == ',' || c == '{' || c == '}' || c == '[' || c == ']'
        || c == '(' || c == ')' || c == '"' || c == ';';
  }
}
