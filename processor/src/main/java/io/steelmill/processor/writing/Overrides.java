package io.steelmill.processor.writing;

import javax.lang.model.element.ExecutableElement;

/**
 * The start of a method that implements an entry point of the factory interface. An entry point
 * has no parameters and no type variables (validation rejects both), so the return type is all
 * there is to name; and the implementation declares no exception: it never throws a checked one,
 * so code calling it through the generated class (the simulation harness, a user) need not catch
 * what {@code throws} names.
 */
final class Overrides {
  private Overrides() {}

  /**
   * {@code @Override public Store store() {} and a line break, indented by {@code indent},
   * returning {@code type}: what the entry point returns as the factory inherits it, and for a
   * child factory's creator, generated with its factory, the name only the graph can spell
   * (javac knew it only as written, {@code SteelmillLease.Creator}).
   */
  static Code of(Code out, String indent, ExecutableElement method, Code type) {
    RuntimeNames.override(out, indent).add(indent).add("public ").add(type);
    return out.add(" ").add(method.getSimpleName().toString()).add("() {\n");
  }
}
