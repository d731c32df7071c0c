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

  /** {@code @Override public Store store() {} and a line break, indented by {@code indent}. */
  static Code of(Code out, String indent, ExecutableElement method) {
    return of(out, indent, method, new Code().add(method.getReturnType()));
  }

  /**
   * The same, returning {@code type}: a child factory's creator is generated with its factory, so
   * an entry point that returns one names a class javac did not know yet ({@code
   * SteelmillLease.Creator} as written), which only the graph can spell.
   */
  static Code of(Code out, String indent, ExecutableElement method, Code type) {
    RuntimeNames.override(out, indent).add(indent).add("public ").add(type);
    return out.add(" ").add(method.getSimpleName().toString()).add("() {\n");
  }
}
