package io.steelmill.processor.lint;

import java.util.Map;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Where an identity hash code reaches a value with no {@code hashCode()} or {@code toString()}
 * call in sight: string concatenation, {@code String.valueOf}, {@code Objects.toString} and
 * {@code StringBuilder.append} of an object whose class keeps {@code Object}'s {@code toString}
 * ({@code "Worker@1b6d3586"}) or of an array, and {@code Objects.hash}/{@code hashCode} of one
 * that keeps {@code Object}'s {@code hashCode}. A value of static type {@code Object}, an
 * interface or an abstract class is not judged: what runs depends on the object, which the lint
 * cannot see.
 */
final class IdentityText {
  /** Calls that turn an {@code Object} parameter into text (true) or a hash code (false). */
  private static final Map<String, Map<String, Boolean>> CONVERTING = Map.of(
      "java.lang.String", Map.of("valueOf", true),
      "java.util.Objects", Map.of("toString", true, "hashCode", false, "hash", false),
      "java.lang.StringBuilder", Map.of("append", true, "insert", true),
      "java.lang.StringBuffer", Map.of("append", true, "insert", true));

  private IdentityText() {}

  /**
   * Whether a call of {@code owner.name} takes {@code parameter} (declared {@code Object} or
   * {@code Object...}) and makes text of it (true), a hash code (false), or neither (null).
   */
  static Boolean converts(String owner, String name, ExecutableElement method) {
    Map<String, Boolean> names = CONVERTING.get(owner);
    Boolean text = names == null ? null : names.get(name);
    if (text == null) {
      return null;
    }
    boolean takesObject = method.getParameters().stream().map(p -> p.asType().toString())
        .anyMatch(t -> t.equals("java.lang.Object") || t.equals("java.lang.Object[]"));
    return takesObject ? text : null;
  }

  /** Whether {@code value}'s text, as {@code String.valueOf} makes it, holds an identity hash. */
  static boolean hasIdentityText(TypeMirror value) {
    if (value.getKind() == TypeKind.ARRAY) {
      return true;
    }
    TypeElement type = concreteClass(value);
    if (type == null) {
      return false;
    }
    for (TypeElement t = type; t != null; t = superclass(t)) {
      if (t.getQualifiedName().contentEquals("java.lang.Object")) {
        return true;
      }
      if (declares(t, "toString")) {
        return false;
      }
    }
    return false;
  }

  /** Whether {@code value}'s hash code is the identity hash code (enums included). */
  static boolean hasIdentityHash(TypeMirror value) {
    if (value.getKind() == TypeKind.ARRAY) {
      return true;
    }
    return (concreteClass(value) != null || isEnum(value)) && HashOrder.hasIdentityHash(value);
  }

  private static boolean isEnum(TypeMirror value) {
    return value instanceof DeclaredType declared
        && declared.asElement().getKind() == ElementKind.ENUM;
  }

  /** The class of {@code value} if it is a concrete class other than {@code Object}, or null. */
  private static TypeElement concreteClass(TypeMirror value) {
    if (!(value instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement type)
        || type.getKind() != ElementKind.CLASS
        || type.getModifiers().contains(Modifier.ABSTRACT)
        || type.getQualifiedName().contentEquals("java.lang.Object")) {
      return null;
    }
    return type;
  }

  private static boolean declares(TypeElement type, String name) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getSimpleName().contentEquals(name) && method.getParameters().isEmpty()
          && !method.getModifiers().contains(Modifier.ABSTRACT)) {
        return true;
      }
    }
    return false;
  }

  private static TypeElement superclass(TypeElement type) {
    return type.getSuperclass() instanceof DeclaredType parent
            && parent.asElement() instanceof TypeElement element
        ? element
        : null;
  }
}
