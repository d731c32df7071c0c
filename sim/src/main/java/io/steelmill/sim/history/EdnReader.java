package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the subset of EDN that Jepsen histories use: {@code nil}, booleans, integers (64-bit;
 * with {@code N}, BigInteger when a long cannot hold them), decimals (double; with {@code M},
 * BigDecimal), strings, characters, keywords, symbols, vectors and lists (both as {@link List}),
 * maps (insertion-ordered), sets, {@code ;} comments, {@code #_} discards, EDN's built-in tags
 * ({@code #inst} as a {@link java.util.Date}, {@code #uuid} as a {@link java.util.UUID}, as
 * Clojure reads them: {@link EdnTags}), other tagged values (the tag is dropped: {@code
 * #jepsen.history.Op{...}} reads as its map) and metadata ({@code ^m x} reads as {@code x}).
 * What Clojure's reader reads otherwise is refused, never read another way: an integer with a
 * leading zero (octal there), an auto-resolved keyword ({@code ::a}), a set holding an element
 * twice or a map a key twice (by Clojure's {@code =}: {@code 0.0} is {@code -0.0}, a NaN is no
 * other value; so
 * {@code #{0.0 -0.0}} is refused and {@code #{##NaN ##NaN}} read). Every error names the line
 * and column. Hand-written so that the checker needs no dependency. This class reads the
 * structure (collections, dispatch, nesting); {@link EdnScanner} reads the atoms.
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

  private final EdnScanner in;
  private int depth;

  public EdnReader(String text) {
    this.in = new EdnScanner(text);
  }

  /** True when another form follows (whitespace, commas and comments skipped). */
  public boolean hasNext() {
    skipIgnored();
    return !in.atEnd();
  }

  /** The line on which the next form starts (after {@link #hasNext()}). */
  public int line() {
    return in.line();
  }

  /** The 1-based column of the reading position (after {@link #hasNext()}: of the next form). */
  public int column() {
    return in.column();
  }

  /** Reads the next form. */
  public Object next() {
    skipIgnored();
    if (in.atEnd()) {
      throw in.error("unexpected end of input, expected a value");
    }
    return readForm();
  }

  private Object readForm() {
    skipIgnored();
    if (in.atEnd()) {
      throw in.error("unexpected end of input inside a collection");
    }
    char c = in.peek(0);
    switch (c) {
      case '{':
        return nested(() -> readMap());
      case '[':
        in.skip(1);
        return nested(() -> readSequence(']'));
      case '(':
        in.skip(1);
        return nested(() -> readSequence(')'));
      case '"':
        return in.readString();
      case ':':
        return in.readKeyword();
      case '#':
        return nested(this::readDispatch);
      case '\\':
        return in.readCharacter();
      case '^':
        in.skip(1);
        return nested(this::readWithMetadata);
      case ']', ')', '}':
        throw in.error("unexpected '" + c + "' with no matching opening bracket");
      default:
        return in.atNumber() ? in.readNumber() : in.readSymbolLike();
    }
  }

  /**
   * {@code ^meta form}: the form, its metadata dropped (as Clojure's EDN reader attaches it and
   * {@code =} ignores it). Read as a symbol {@code ^}, it shifted every later key of its map.
   */
  private Object readWithMetadata() {
    readForm();
    return readForm();
  }

  private interface FormReader {
    Object read();
  }

  private Object nested(FormReader reader) {
    if (++depth > MAX_DEPTH) {
      throw in.error("nesting deeper than " + MAX_DEPTH + " levels");
    }
    try {
      return reader.read();
    } finally {
      depth--;
    }
  }

  /**
   * Skips blanks, comments and {@code #_} discards (each with the form it discards), so that a
   * discard may stand anywhere a form may, also last in a collection ({@code [1 #_2]} is
   * {@code [1]}). A discarded form counts towards the nesting depth like any other.
   */
  private void skipIgnored() {
    in.skipBlank();
    while (in.has(2) && in.peek(0) == '#' && in.peek(1) == '_') {
      in.skip(2);
      nested(this::readForm);
      in.skipBlank();
    }
  }

  private List<Object> readSequence(char close) {
    List<Object> items = new ArrayList<>();
    while (true) {
      skipIgnored();
      if (in.atEnd()) {
        throw in.error("unexpected end of input: missing '" + close + "'");
      }
      char c = in.peek(0);
      if (c == close) {
        in.skip(1);
        return Collections.unmodifiableList(items);
      }
      if ((c == ']' || c == ')' || c == '}')) {
        throw in.error("expected '" + close + "' but found '" + c + "'");
      }
      items.add(readForm());
    }
  }

  private Map<Object, Object> readMap() {
    int startLine = in.line();
    int startColumn = in.column();
    in.skip(1);
    Map<Object, Object> map = new LinkedHashMap<>();
    Set<Object> keys = new HashSet<>();
    while (true) {
      skipIgnored();
      if (in.atEnd()) {
        throw in.error("unexpected end of input: the map opened at line " + startLine
            + ", column " + startColumn + " has no '}'");
      }
      if (in.peek(0) == '}') {
        in.skip(1);
        return Collections.unmodifiableMap(map);
      }
      int keyLine = in.line();
      int keyColumn = in.column();
      Object key = readForm();
      skipIgnored();
      if (in.atEnd() || in.peek(0) == '}') {
        throw in.error("the map key " + EdnWriter.preview(key) + " has no value");
      }
      Object value = readForm();
      if (!unique(keys, key)) {
        throw new EdnException("duplicate map key " + EdnWriter.preview(key), keyLine, keyColumn);
      }
      map.put(key, value);
    }
  }

  /**
   * Whether {@code value} is no element of {@code seen} yet, by Clojure's {@code =} as the
   * checker compares values ({@link Values#same}), adding it: {@code 0.0} and {@code -0.0} are one
   * element, a value holding a NaN is the same as nothing, itself included ({@code #{##NaN ##NaN}}
   * is a valid set for Clojure; Java's set then holds the NaN once).
   */
  private static boolean unique(Set<Object> seen, Object value) {
    return Values.hasNaN(value) || seen.add(Values.canonical(value));
  }

  private Object readDispatch() {
    if (!in.has(2)) {
      throw in.error("'#' at the end of the input");
    }
    char c = in.peek(1);
    if (c == '{') {
      int line = in.line();
      int column = in.column();
      in.skip(2);
      List<Object> items = readSequence('}');
      Set<Object> seen = new HashSet<>();
      for (Object item : items) {
        if (!unique(seen, item)) { // as a map's duplicate key: Clojure refuses it
          throw new EdnException("the set opened here holds an element twice", line, column);
        }
      }
      return Collections.unmodifiableSet(new LinkedHashSet<>(items));
    }
    if (c == '#') {
      in.skip(2);
      return switch (String.valueOf(in.readSymbolLike())) {
        case "NaN" -> Double.NaN;
        case "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        default -> throw in.error(
            "unknown symbolic value after '##' (EDN has ##NaN, ##Inf and ##-Inf)");
      };
    }
    if (Character.isLetter(c)) {
      in.skip(1);
      int line = in.line();
      int column = in.column();
      String tag = String.valueOf(in.readSymbolLike());
      Object form = readForm();
      if (!EdnTags.known(tag)) {
        return form; // #jepsen.history.Op{...}: the record's map
      }
      String[] problem = new String[1];
      Object value = EdnTags.read(tag, form, problem);
      if (problem[0] != null) {
        throw new EdnException(problem[0], line, column);
      }
      return value;
    }
    throw in.error("unsupported dispatch: '#' followed by " + EdnScanner.show(c));
  }
}
