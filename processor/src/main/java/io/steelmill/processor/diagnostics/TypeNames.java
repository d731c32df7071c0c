package io.steelmill.processor.diagnostics;

import java.util.regex.Pattern;

/** Shortens type names for people: {@code java.util.List<com.acme.Disk>} reads {@code List<Disk>}. */
public final class TypeNames {
  private static final Pattern PACKAGE_PREFIX = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Z_$])");

  private TypeNames() {}

  /** {@code name} without the package prefixes of the qualified names in it. */
  public static String simple(String name) {
    return PACKAGE_PREFIX.matcher(name).replaceAll("");
  }
}
