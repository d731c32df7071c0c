package io.steelmill.platform;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * The rules for names that reach a file system or the wire: node names (a node's directory of
 * {@link FileDisk}, the identity a peer proves at connect), file names of {@link Disk}, and
 * service names. A checked name is one plain path segment on every common file system: not empty,
 * at most {@link #MAX_BYTES} bytes of UTF-8, no separator ({@code /}, {@code \}) nor any other
 * character Windows forbids ({@code : * ? " < > |}), no NUL, control, format (zero-width,
 * bidirectional override), line-separator or unassigned character, not starting with {@code .}
 * (so neither {@code .} nor {@code ..}, nor a hidden file), not starting with a space nor ending
 * with a space or a dot, and not a device name that Windows reserves ({@code CON}, {@code NUL},
 * {@code COM1}, ... with any extension). It must be in Unicode form NFC (so a normalizing file
 * system cannot merge two names), and its compatibility form (NFKC) must obey the same rules,
 * so a full-width {@code ／} or a one-dot leader {@code ․} cannot turn into a separator or a dot.
 *
 * <p>Public so that the simulated bindings apply the same rules: a name the production disk or
 * network refuses must be refused in simulation too, or a scenario passes in simulation and
 * fails in production.
 */
public final class Names {
  /** Longer names are refused: most file systems stop at 255 bytes per segment. */
  static final int MAX_BYTES = 128;

  private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$",
      "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
      "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  /** Separators and the characters Windows forbids in a file name. */
  private static final String FORBIDDEN = "/\\:*?\"<>|";

  private Names() {}

  /** {@code node} if it is a safe node name; otherwise an {@link IllegalArgumentException}. */
  public static String checkNode(String node) {
    return check("node name", node);
  }

  /** {@code file} if it is a safe file name; otherwise an {@link IllegalArgumentException}. */
  public static String checkFile(String file) {
    return check("file name", file);
  }

  /** {@code service} if it is a safe service name; otherwise an IllegalArgumentException. */
  public static String checkService(String service) {
    return check("service name", service);
  }

  /** Why {@code name} is refused, or null if it is safe. */
  static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "it is empty";
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "it is longer than " + MAX_BYTES + " bytes";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isSurrogate(c) && !validSurrogate(name, i)) {
        return "it contains an unpaired surrogate";
      }
    }
    if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
      // a file system that normalizes (macOS) would give two spellings one directory
      return "it is not in Unicode normal form NFC";
    }
    String problem = segmentProblem(name);
    if (problem == null) {
      // look-alikes: a file system or a legacy code page may fold a full-width solidus into '/'
      // or a one-dot leader into '.', so the compatibility form must be safe too
      String folded = Normalizer.normalize(name, Normalizer.Form.NFKC);
      if (!folded.equals(name) && segmentProblem(folded) != null) {
        problem = "it folds to " + quoted(folded) + " (" + segmentProblem(folded) + ")";
      }
    }
    return problem;
  }

  private static String segmentProblem(String name) {
    for (int i = 0; i < name.length(); i = name.offsetByCodePoints(i, 1)) {
      int c = name.codePointAt(i);
      if (FORBIDDEN.indexOf(c) >= 0) {
        return "it contains '" + Character.toString(c) + "'";
      }
      if (isInvisible(c)) {
        return "it contains the invisible or control character U+"
            + String.format("%04X", c);
      }
    }
    if (name.isEmpty()) {
      return "it is empty";
    }
    if (name.startsWith(".")) {
      return "it starts with '.'";
    }
    int last = name.codePointBefore(name.length());
    if (last == '.' || Character.isWhitespace(last) || Character.isSpaceChar(last)) {
      return "it ends with a space or a dot";
    }
    int first = name.codePointAt(0);
    if (Character.isWhitespace(first) || Character.isSpaceChar(first)) {
      return "it starts with a space";
    }
    int dot = name.indexOf('.');
    String stem = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
    if (RESERVED.contains(stem)) {
      return "\"" + stem + "\" is a reserved device name";
    }
    return null;
  }

  /** Control, format (zero-width, bidirectional overrides), line breaks and unassigned. */
  private static boolean isInvisible(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED, Character.PRIVATE_USE,
          Character.SURROGATE -> true;
      default -> false;
    };
  }

  private static String check(String what, String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(
          "not a safe " + what + ": " + quoted(name) + " (" + problem + "); use one plain"
              + " segment of letters, digits, '-', '_' or '.', not starting with '.'");
    }
    return name;
  }

  private static boolean validSurrogate(String name, int i) {
    char c = name.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(name.charAt(i - 1));
  }

  /**
   * The name (or any text from a caller: a lease resource, a connect string) in quotes, invisible
   * characters escaped and cut short, safe to print in one line; {@code null} as {@code null}.
   */
  public static String quoted(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    int shown = 0;
    for (int i = 0; i < name.length() && shown < 80; i = name.offsetByCodePoints(i, 1), shown++) {
      int c = name.codePointAt(i);
      out.append(isInvisible(c) ? String.format("\\u%04x", c) : Character.toString(c));
    }
    return out.append(name.codePointCount(0, name.length()) > 80 ? "...\"" : "\"").toString();
  }
}
