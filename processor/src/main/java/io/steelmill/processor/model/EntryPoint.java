package io.steelmill.processor.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * An abstract no-argument method of a factory interface, the type it returns as the factory
 * inherits it ({@link EntryPointTypes}), and what it requests.
 */
public record EntryPoint(ExecutableElement method, TypeMirror returnType, Dependency request) {
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

  /**
   * Every declaration of an entry point of {@code factory}: the abstract methods of the factory and
   * of each of its superinterfaces (each interface once), overrides included, in that order, but
   * for {@link #isCandidate non-candidates} and those a default method implements. Reading and
   * validating a factory both walk the interfaces through this one method.
   */
  public static List<ExecutableElement> declarations(TypeElement factory) {
    List<ExecutableElement> found = new java.util.ArrayList<>();
    declarations(factory, factory, found, new HashSet<>());
    return found;
  }

  private static void declarations(
      TypeElement factory, TypeElement type, List<ExecutableElement> into, Set<TypeElement> seen) {
    if (!seen.add(type)) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (isCandidate(method) && !isImplementedByDefault(method, factory)) {
        into.add(method);
      }
    }
    for (TypeMirror superinterface : type.getInterfaces()) {
      if (superinterface instanceof DeclaredType declared
          && declared.asElement() instanceof TypeElement element) {
        declarations(factory, element, into, seen);
      }
    }
  }

  /**
   * Whether {@code method}, abstract where it is declared, is implemented for {@code factory} by a
   * default method of an interface between them ({@code interface A { Store s(); }}, {@code
   * interface App extends A { default Store s() { ... } }}): Java lets the default win (JLS
   * 9.4.1), so the generated class must not implement it again, and its return type is no key.
   */
  public static boolean isImplementedByDefault(ExecutableElement method, TypeElement factory) {
    if (!(method.getEnclosingElement() instanceof TypeElement declaring)) {
      return false;
    }
    return implementedBelow(factory, declaring, method, new HashSet<>());
  }

  private static boolean implementedBelow(
      TypeElement type, TypeElement declaring, ExecutableElement method, Set<TypeElement> seen) {
    if (type.equals(declaring) || !seen.add(type)) {
      return false;
    }
    if (declaresDefault(type, method) && isSubinterface(type, declaring, new HashSet<>())) {
      return true;
    }
    for (TypeMirror superinterface : type.getInterfaces()) {
      if (superinterface instanceof DeclaredType declared
          && declared.asElement() instanceof TypeElement element
          && implementedBelow(element, declaring, method, seen)) {
        return true;
      }
    }
    return false;
  }

  private static boolean declaresDefault(TypeElement type, ExecutableElement method) {
    for (ExecutableElement own : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (own.getModifiers().contains(Modifier.DEFAULT)
          && own.getSimpleName().equals(method.getSimpleName())
          && parameterTypes(own).equals(parameterTypes(method))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> parameterTypes(ExecutableElement method) {
    return method.getParameters().stream().map(p -> p.asType().toString()).toList();
  }

  private static boolean isSubinterface(
      TypeElement type, TypeElement ancestor, Set<TypeElement> seen) {
    if (!seen.add(type)) {
      return false;
    }
    for (TypeMirror superinterface : type.getInterfaces()) {
      if (superinterface instanceof DeclaredType declared
          && declared.asElement() instanceof TypeElement element
          && (element.equals(ancestor) || isSubinterface(element, ancestor, seen))) {
        return true;
      }
    }
    return false;
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
