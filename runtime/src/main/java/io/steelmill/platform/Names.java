package io.steelmill.platform;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The rules for names that reach a file system or the wire: node names (a node's directory of
 * {@link FileDisk}, the identity a peer proves at connect), file names of {@link Disk}, and
 * service names. A checked name is one plain path segment on every common file system: not empty,
 * at most {@link #MAX_BYTES} bytes of UTF-8, no separator ({@code /}, {@code \}), no {@code :}, no
 * NUL or other control character, not starting with {@code .} (so neither {@code .} nor
 * {@code ..}, nor a hidden file), not ending with a space or a dot, and not a device name that
 * Windows reserves ({@code CON}, {@code NUL}, {@code COM1}, ... with any extension).
 */
final class Names {
  /** Longer names are refused: most file systems stop at 255 bytes per segment. */
  static final int MAX_BYTES = 128;

  private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$",
      "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
      "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  private Names() {}

  /** {@code node} if it is a safe node name; otherwise an {@link IllegalArgumentException}. */
  static String checkNode(String node) {
    return check("node name", node);
  }

  /** {@code file} if it is a safe file name; otherwise an {@link IllegalArgumentException}. */
  static String checkFile(String file) {
    return check("file name", file);
  }

  /** {@code service} if it is a safe service name; otherwise an IllegalArgumentException. */
  static String checkService(String service) {
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
      if (c == '/' || c == '\\' || c == ':') {
        return "it contains '" + c + "'";
      }
      if (c < 0x20 || c == 0x7f) {
        return "it contains the control character U+" + String.format("%04X", (int) c);
      }
      if (Character.isSurrogate(c) && !validSurrogate(name, i)) {
        return "it contains an unpaired surrogate";
      }
    }
    if (name.startsWith(".")) {
      return "it starts with '.'";
    }
    if (name.endsWith(" ") || name.endsWith(".")) {
      return "it ends with a space or a dot";
    }
    int dot = name.indexOf('.');
    String stem = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
    if (RESERVED.contains(stem)) {
      return "\"" + stem + "\" is a reserved device name";
    }
    return null;
  }

  private static String check(String what, String name) {
    String problem = problem(name);
    if (problem != null) {
      String shown = name == null ? "null" : quoted(name);
      throw new IllegalArgumentException(
          "not a safe " + what + ": " + shown + " (" + problem + "); use one plain segment of"
              + " letters, digits, '-', '_' or '.', not starting with '.'");
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

  /** The name in quotes, control characters escaped and cut short, safe to print in one line. */
  static String quoted(String name) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < name.length() && i < 80; i++) {
      char c = name.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.append(name.length() > 80 ? "...\"" : "\"").toString();
  }
}
