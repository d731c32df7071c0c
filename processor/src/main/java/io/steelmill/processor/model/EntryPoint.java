package io.steelmill.processor.model;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/** An abstract no-argument method of a factory interface, and what it requests. */
public record EntryPoint(ExecutableElement method, Dependency request) {
  public String name() {
    return method.getSimpleName().toString();
  }

  /**
   * Whether {@code method}, found on a factory interface or one of its superinterfaces, is one
   * the generated class must implement: abstract, and not a redeclaration of a public method of
   * {@code Object} ({@code boolean equals(Object)}, {@code int hashCode()}, {@code String
   * toString()}). An interface may redeclare those, for its Javadoc or to restate their
   * contract; every class already implements them (JLS 9.2), so they are not entry points. The
   * return type must match too: {@code Store toString()} is no redeclaration (javac refuses it,
   * and so does the processor).
   */
  public static boolean isCandidate(ExecutableElement method) {
    return method.getModifiers().contains(Modifier.ABSTRACT) && !redeclaresObjectMethod(method);
  }

  private static boolean redeclaresObjectMethod(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    String expected =
        switch (method.getParameters().size()) {
          case 0 -> name.equals("hashCode") ? "int"
              : name.equals("toString") ? "java.lang.String" : null;
          case 1 -> name.equals("equals") && isObject(method.getParameters().get(0).asType())
              ? "boolean" : null;
          default -> null;
        };
    return expected != null && expected.equals(method.getReturnType().toString());
  }

  private static boolean isObject(TypeMirror type) {
    return type.toString().equals("java.lang.Object");
  }
}
