package io.steelmill.processor.lint;

import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Which hash collections iterate in an order no seed controls: those keyed by objects with the
 * JVM's identity hash code (a class that does not override {@code hashCode}, an enum, a thread),
 * and every {@code IdentityHashMap}. A hash collection of strings or records iterates the same in
 * every run; one of threads does not.
 */
final class HashOrder {
  private HashOrder() {}

  /** Whether iterating a value of {@code type} follows identity hash codes. */
  static boolean isIdentityOrdered(TypeMirror type) {
    if (!(type instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement element)) {
      return false;
    }
    String name = element.getQualifiedName().toString();
    if (name.equals(Calls.IDENTITY_HASH_MAP)) {
      return true;
    }
    return Calls.HASH_COLLECTIONS.contains(name)
        && !declared.getTypeArguments().isEmpty()
        && hasIdentityHash(declared.getTypeArguments().get(0));
  }

  /**
   * Whether a new {@code collection} held in a variable of type {@code declared} ({@code
   * Map<Thread, String>}) iterates by identity hash codes.
   */
  static boolean isIdentityOrdered(TypeElement collection, TypeMirror declared) {
    String name = collection.getQualifiedName().toString();
    if (name.equals(Calls.IDENTITY_HASH_MAP)) {
      return true;
    }
    return Calls.HASH_COLLECTIONS.contains(name)
        && declared instanceof DeclaredType variable
        && !variable.getTypeArguments().isEmpty()
        && hasIdentityHash(variable.getTypeArguments().get(0));
  }

  /** Whether instances of {@code key} hash by identity: enums, and classes not overriding it. */
  static boolean hasIdentityHash(TypeMirror key) {
    if (!(key instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement type)) {
      return false;
    }
    if (type.getKind() == ElementKind.ENUM) {
      return true; // Enum.hashCode is final and is the identity hash code
    }
    if (type.getKind() != ElementKind.CLASS) {
      return false; // interfaces: unknown; records: hashed by value
    }
    for (TypeElement t = type; t != null; t = superclass(t)) {
      if (t.getQualifiedName().contentEquals("java.lang.Object")) {
        return true;
      }
      for (ExecutableElement method : ElementFilter.methodsIn(t.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals("hashCode")
            && method.getParameters().isEmpty()
            && !method.getModifiers().contains(Modifier.ABSTRACT)) {
          return false;
        }
      }
    }
    return true;
  }

  private static TypeElement superclass(TypeElement type) {
    return type.getSuperclass() instanceof DeclaredType parent
            && parent.asElement() instanceof TypeElement element
        ? element
        : null;
  }
}
