package io.steelmill.processor.model;

import java.util.Collection;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * What a factory's entry points return as the factory sees them, which is what they request.
 *
 * <p>An entry point inherited from a generic superinterface ({@code interface Source<T> { T
 * item(); }} and {@code @Factory interface App extends Source<Store>}) returns {@code Store} to
 * {@code App}, not {@code T}. One inherited from several superinterfaces with covariant return
 * types ({@code Object s()} from one, {@code Store s()} from another) is implemented once,
 * returning the narrowest: JLS 9.4.1.3 makes javac accept such an interface only when one return
 * type can stand for all of them. Both are legal Java, so the processor must not refuse them.
 */
public final class EntryPointTypes {
  private final Types types;

  public EntryPointTypes(Types types) {
    this.types = types;
  }

  /**
   * The return type of {@code method}, declared in {@code factory} or one of its superinterfaces,
   * as {@code factory} inherits it (its superinterfaces' type arguments substituted).
   */
  public TypeMirror returnType(TypeElement factory, ExecutableElement method) {
    TypeMirror declared = method.getReturnType();
    if (method.getEnclosingElement().equals(factory)
        || !(factory.asType() instanceof DeclaredType self)) {
      return declared;
    }
    try {
      return ((ExecutableType) types.asMemberOf(self, method)).getReturnType();
    } catch (IllegalArgumentException | ClassCastException unresolved) {
      return declared; // a superinterface javac could not resolve: javac reports it
    }
  }

  /** Whether {@code a} is a proper subtype of {@code b}: an override may narrow to it. */
  public boolean narrower(TypeMirror a, TypeMirror b) {
    return isResolved(a) && isResolved(b) && types.isSubtype(a, b) && !types.isSameType(a, b);
  }

  /** The one of {@code candidates} that is a subtype of all the others, or null if none is. */
  public TypeMirror narrowest(Collection<TypeMirror> candidates) {
    for (TypeMirror candidate : candidates) {
      boolean standsForAll = isResolved(candidate);
      for (TypeMirror other : candidates) {
        standsForAll &= isResolved(other) && types.isSubtype(candidate, other);
      }
      if (standsForAll) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean isResolved(TypeMirror type) {
    return type.getKind() != TypeKind.ERROR;
  }
}
