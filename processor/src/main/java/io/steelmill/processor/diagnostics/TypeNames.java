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
    return PACKAGE_PREFIX.matcher(name).replaceAll("");
  }
}
