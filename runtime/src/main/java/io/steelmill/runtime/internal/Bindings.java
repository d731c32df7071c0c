package io.steelmill.runtime.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bindings a generated factory owns, by id: what each is called in errors and {@code built:}
 * lists, how it is made, and the class {@code inject} accepts for it. One table per generated
 * class, from text blocks so that no generated method grows with the graph:
 *
 * <pre>{@code
 * daemon test.Store Store
 * provided test.Paths#walPath - [3] @Named("wal") String
 * injected test.Config Config
 * }</pre>
 *
 * <p>One line per id: the kind ({@code daemon}: built from a {@code @Daemon} class, the node
 * manages its lifecycle; {@code provided}: returned by a {@code @Provides} method, which follows
 * as {@code class#method} so that an error can name it; {@code injected}: handed in with {@code
 * inject}), the binary name of the class {@code inject} accepts for it or {@code -}, the ids of
 * this table its construction asks for directly in brackets (left out when none), and the name
 * people see. The ids let a chain too deep for the stack be built iteratively, in dependency
 * order.
 *
 * <p>Only the kinds and where each line's ids in brackets start are read when the class loads:
 * building needs nothing else (the core builds the listed ids before it constructs a binding, and
 * reads them from the text as it goes, without a copy). The rest is parsed on first use (an
 * error, a {@code built:} list, {@code inject}, a deep chain), since parsing a thousand lines in
 * a fresh JVM, before anything is compiled, costs more than the first build of the graph itself.
 */
public final class Bindings {
  static final byte DAEMON = 0;
  static final byte PROVIDED = 1;
  static final byte INJECTED = 2;

  private final String[] parts;
  private final byte[] kinds;
  private final int[] needsPart; // the part holding each id's line
  private final int[] needsAt; // where in it the line's ids after "[" start, or -1: none
  private volatile Table table; // parsed on first use; racy but equal whoever parses it

  /** The parsed columns of the table, by id. */
  private static final class Table {
    final String[] names;
    final String[] types;
    final String[] methods;
    final String[] needs; // "3,1", unparsed; null when none

    Table(List<String> lines, byte[] kinds) {
      int size = lines.size();
      names = new String[size];
      types = new String[size];
      methods = new String[size];
      needs = new String[size];
      for (int id = 0; id < size; id++) {
        String line = lines.get(id);
        int first = line.indexOf(' ');
        if (kind(first < 0 ? line : line.substring(0, first)) != kinds[id]) {
          throw new IllegalArgumentException("malformed binding line " + id + ": " + line);
        }
        if (kinds[id] == PROVIDED && first >= 0) {
          int method = line.indexOf(' ', first + 1);
          methods[id] = method < 0 ? null : line.substring(first + 1, method);
          first = method;
        }
        int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
        if (first < 0 || second < 0) {
          throw new IllegalArgumentException("malformed binding line " + id + ": " + line);
        }
        String type = line.substring(first + 1, second);
        types[id] = type.equals("-") ? null : type;
        if (line.startsWith("[", second + 1)) {
          int close = line.indexOf("] ", second + 1);
          if (close < 0) {
            throw new IllegalArgumentException("malformed binding line " + id + ": " + line);
          }
          needs[id] = line.substring(second + 2, close);
          second = close + 1;
        }
        names[id] = line.substring(second + 1);
      }
    }
  }

  private Bindings(String[] parts) {
    this.parts = parts;
    byte[] found = new byte[16];
    int[] partOf = new int[16];
    int[] starts = new int[16];
    int size = 0;
    for (int index = 0; index < parts.length; index++) {
      String part = parts[index];
      int length = part.length();
      int start = 0;
      while (start < length) {
        int end = part.indexOf('\n', start);
        if (end < 0) {
          end = length;
        }
        int at = start;
        while (at < end && part.charAt(at) <= ' ') {
          at++;
        }
        if (at < end) { // not a blank line
          if (size == found.length) {
            found = Arrays.copyOf(found, size * 2);
            partOf = Arrays.copyOf(partOf, size * 2);
            starts = Arrays.copyOf(starts, size * 2);
          }
          byte kind = kindAt(part, at, end);
          found[size] = kind;
          partOf[size] = index;
          starts[size++] = needsAt(part, at, end, kind);
        }
        start = end + 1;
      }
    }
    this.kinds = Arrays.copyOf(found, size);
    this.needsPart = Arrays.copyOf(partOf, size);
    this.needsAt = Arrays.copyOf(starts, size);
  }

  /**
   * Where the ids in brackets of the line at {@code at} of {@code part} (ending at {@code end})
   * start, or -1 if it lists none: after the kind, a provided binding's method, and the class.
   */
  private static int needsAt(String part, int at, int end, byte kind) {
    int space = part.indexOf(' ', at);
    if (kind == PROVIDED && space >= 0 && space < end) {
      space = part.indexOf(' ', space + 1);
    }
    if (space >= 0 && space < end) {
      space = part.indexOf(' ', space + 1);
    }
    boolean listed = space >= 0 && space + 1 < end && part.charAt(space + 1) == '[';
    return listed ? space + 2 : -1;
  }

  /** The table: text blocks of one line per id, in id order. */
  public static Bindings of(String... parts) {
    return new Bindings(parts.clone());
  }

  /** The kind named by the word at {@code at} of {@code part}, a line that ends at {@code end}. */
  private static byte kindAt(String part, int at, int end) {
    int space = part.indexOf(' ', at);
    int wordEnd = space < 0 || space > end ? end : space;
    byte kind = switch (part.charAt(at)) {
      case 'd' -> isWord(part, at, wordEnd, "daemon") ? DAEMON : -1;
      case 'p' -> isWord(part, at, wordEnd, "provided") ? PROVIDED : -1;
      case 'i' -> isWord(part, at, wordEnd, "injected") ? INJECTED : -1;
      default -> -1;
    };
    if (kind < 0) {
      throw new IllegalArgumentException("unknown binding kind: " + part.substring(at, wordEnd));
    }
    return kind;
  }

  private static boolean isWord(String part, int at, int wordEnd, String word) {
    return wordEnd - at == word.length() && part.startsWith(word, at);
  }

  private static byte kind(String word) {
    return switch (word) {
      case "daemon" -> DAEMON;
      case "provided" -> PROVIDED;
      case "injected" -> INJECTED;
      default -> throw new IllegalArgumentException("unknown binding kind: " + word);
    };
  }

  private Table table() {
    Table parsed = table;
    if (parsed == null) {
      List<String> lines = new ArrayList<>(kinds.length);
      for (String part : parts) {
        for (String line : part.split("\n")) {
          if (!line.isBlank()) {
            lines.add(line.strip());
          }
        }
      }
      parsed = new Table(lines, kinds);
      table = parsed;
    }
    return parsed;
  }

  int size() {
    return kinds.length;
  }

  String name(int id) {
    return table().names[id];
  }

  byte kind(int id) {
    return kinds[id];
  }

  /** The {@code @Provides} method of a provided binding, {@code test.Paths#walPath}; else null. */
  String method(int id) {
    return table().methods[id];
  }

  /**
   * The text holding the ids that binding {@code id}'s construction asks for directly, from
   * {@link #needsAt(int)} on: digits, a comma between two ids, a bracket after the last.
   */
  String needsText(int id) {
    return parts[needsPart[id]];
  }

  /** Where in {@link #needsText(int)} the ids of binding {@code id} start, or -1: none. */
  int needsAt(int id) {
    return needsAt[id];
  }

  /** The ids of this table that binding {@code id}'s construction asks for directly. */
  int[] needs(int id) {
    String list = table().needs[id];
    if (list == null || list.isEmpty()) {
      return new int[0];
    }
    String[] parts = list.split(",");
    int[] ids = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      ids[i] = Integer.parseInt(parts[i].strip());
    }
    return ids;
  }

  /** The id whose injectable class is {@code type}, or -1. */
  int idOf(Class<?> type) {
    String name = type.getName();
    String[] types = table().types;
    for (int id = 0; id < types.length; id++) {
      if (name.equals(types[id])) {
        return id;
      }
    }
    return -1;
  }
}
