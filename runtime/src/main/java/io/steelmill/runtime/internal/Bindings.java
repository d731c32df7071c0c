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
 * daemon Store Store
 * provided test.Paths#walPath - [3] @Named("wal") String
 * injected other.Config Config
 * }</pre>
 *
 * <p>One line per id: the kind ({@code daemon}: built from a {@code @Daemon} class, the node
 * manages its lifecycle; {@code provided}: returned by a {@code @Provides} method, which follows
 * as {@code class#method} so that an error can name it; {@code injected}: handed in with {@code
 * inject}), the binary name of the class {@code inject} accepts for it or {@code -} (without its
 * package when that is the generated class's own, {@code test} above: see {@link #idOf}), the
 * ids of this table its construction asks for directly in brackets (left out when none), and the
 * name people see. The ids let a chain too deep for the stack be built iteratively, in
 * dependency order.
 *
 * <p>Only the kinds and the ids in brackets are read when the class loads: building needs nothing
 * else (the core builds the listed ids of a binding before it constructs it, every time a node
 * is built, so they are parsed once into one array). The rest is parsed on first use (an error,
 * a {@code built:} list, {@code inject}), since parsing a thousand lines in a fresh JVM, before
 * anything is compiled, costs more than the first build of the graph itself.
 */
public final class Bindings {
  static final byte DAEMON = 0;
  static final byte PROVIDED = 1;
  static final byte INJECTED = 2;

  private final String[] parts;
  private final byte[] kinds;
  /**
   * The ids in brackets, of every line in id order: those that binding {@code id}'s construction
   * asks for directly are those of {@code needIds} from index {@code needsFrom[id]} (included)
   * to {@code needsFrom[id + 1]} (excluded), in the order its line lists them. Read by every
   * build, so parsed once, with the kinds; fields that {@link FactoryCore} reads directly, not
   * through accessors: a fresh JVM's first build runs that read interpreted, once per binding.
   */
  final int[] needsFrom;
  /** See {@link #needsFrom}. */
  final int[] needIds;
  private volatile Table table; // parsed on first use; racy but equal whoever parses it

  /** The parsed columns of the table, by id. */
  private static final class Table {
    final String[] names;
    final String[] types;
    final String[] methods;

    Table(List<String> lines, byte[] kinds) {
      int size = lines.size();
      names = new String[size];
      types = new String[size];
      methods = new String[size];
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
          second = close + 1;
        }
        names[id] = line.substring(second + 1);
      }
    }
  }

  private Bindings(String[] parts) {
    this.parts = parts;
    byte[] found = new byte[16];
    int[] from = new int[17];
    int[] ids = new int[16];
    int size = 0;
    int count = 0;
    for (String part : parts) {
      int length = part.length();
      int start = 0;
      while (start < length) {
        int end = part.indexOf('\n', start);
        if (end < 0) {
          end = length;
        }
        int at = start;
        // most lines are a daemon's, unindented (a text block strips the indentation): two
        // calls find what kindAt and needsAt find with five or six, and this loop runs once a
        // table, interpreted in a fresh JVM's first build, where every call costs
        boolean daemon = part.startsWith("daemon ", at);
        if (!daemon) {
          while (at < end && part.charAt(at) <= ' ') {
            at++;
          }
          daemon = at < end && part.startsWith("daemon ", at);
        }
        if (at < end) { // not a blank line
          if (size == found.length) {
            found = Arrays.copyOf(found, size * 2);
            from = Arrays.copyOf(from, size * 2 + 1);
          }
          byte kind;
          int need;
          if (daemon) {
            kind = DAEMON;
            int space = part.indexOf(' ', at + 7);
            need = space >= 0 && space + 1 < end && part.charAt(space + 1) == '[' ? space + 2 : -1;
          } else {
            kind = kindAt(part, at, end);
            need = needsAt(part, at, end, kind);
          }
          found[size] = kind;
          from[size] = count;
          while (need >= 0) { // the ids in brackets: digits, a comma between two, then "]"
            int id = 0;
            int digits = 0;
            char c;
            while ((c = need < end ? part.charAt(need) : '\n') >= '0' && c <= '9' && digits < 9) {
              id = id * 10 + (c - '0');
              need++;
              digits++;
            }
            if (digits == 0 || (c != ',' && c != ']')) {
              throw new IllegalArgumentException(
                  "malformed binding line " + size + ": " + part.substring(at, end).strip());
            }
            if (count == ids.length) {
              ids = Arrays.copyOf(ids, count * 2);
            }
            ids[count++] = id;
            need = c == ',' ? need + 1 : -1;
          }
          size++;
        }
        start = end + 1;
      }
    }
    from[size] = count;
    for (int i = 0; i < count; i++) {
      if (ids[i] >= size) {
        throw new IllegalArgumentException(
            "malformed binding table: a line lists id " + ids[i] + " of " + size + " lines");
      }
    }
    this.kinds = Arrays.copyOf(found, size);
    this.needsFrom = Arrays.copyOf(from, size + 1);
    this.needIds = Arrays.copyOf(ids, count);
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

  /** The ids of this table that binding {@code id}'s construction asks for directly. */
  int[] needs(int id) {
    return Arrays.copyOfRange(needIds, needsFrom[id], needsFrom[id + 1]);
  }

  /**
   * The id whose injectable class is {@code type}, or -1, in a table of a class of package
   * {@code tablePackage}: the table names a class of that package without it ({@code Store} for
   * {@code test.Store}), any other by its binary name (a name with a dot is never one of the
   * package's own, and a class of the unnamed package is not visible from a named one).
   */
  int idOf(Class<?> type, String tablePackage) {
    String name = type.getName();
    String own = type.getPackageName();
    String relative = !own.isEmpty() && own.equals(tablePackage)
        ? name.substring(own.length() + 1)
        : null;
    String[] types = table().types;
    for (int id = 0; id < types.length; id++) {
      if (name.equals(types[id]) || (relative != null && relative.equals(types[id]))) {
        return id;
      }
    }
    return -1;
  }
}
