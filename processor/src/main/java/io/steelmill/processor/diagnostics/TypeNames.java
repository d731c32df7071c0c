package io.steelmill.processor.diagnostics;

import java.util.regex.Pattern;

/** Shortens type names for people: {@code java.util.List<com.acme.Disk>} reads {@code List<Disk>}. */
public final class TypeNames {
  /** Lower-case segments before an upper-case name, in any script ({@code test.Ünï}, too). */
  private static final Pattern PACKAGE_PREFIX = Pattern.compile(
      "\\b(?:[\\p{Ll}_$][\\w$]*\\.)+(?=[\\p{Lu}_$])", Pattern.UNICODE_CHARACTER_CLASS);

  private TypeNames() {}

  /** {@code name} without the package prefixes of the qualified names in it. */
  public static String simple(String name) {
    int start = plainClassStart(name);
    return start >= 0 ? name.substring(start) : PACKAGE_PREFIX.matcher(name).replaceAll("");
  }

  /**
   * Where the simple name starts in the commonest name, a top-level class in packages spelled
   * in lower case ({@code a.b.Disk}: every segment but the last starts with {@code a-z}, the last
   * with {@code A-Z}, all of them {@code [A-Za-z0-9_]} only), for which the pattern removes
   * exactly the packages; -1 for any other name, which the pattern then reads. The processor
   * asks this per key, and in a fresh javac the pattern runs interpreted: 2-5% of the processor's
   * thread on a graph of 1,000 daemons, and 28 regex methods for the JIT to compile (BENCHMARKS.md,
   * "Issue 12, javac, eighth pass").
   */
  static int plainClassStart(String name) {
    int segment = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        if (i == segment || name.charAt(segment) < 'a' || name.charAt(segment) > 'z') {
          return -1;
        }
        segment = i + 1;
      } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '_')) {
        return -1;
      }
    }
    boolean upper = segment < name.length()
        && name.charAt(segment) >= 'A' && name.charAt(segment) <= 'Z';
    return upper ? segment : -1;
  }
}
