package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TypeNames;
import io.steelmill.processor.model.Annotations;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Which types can be a key: what an entry point requests, a constructor or provides method takes,
 * and a provides method returns. {@code void} has no instances, and a wildcard or a type variable
 * names no single type that a binding could be chosen for; all three are errors where they are
 * written, not a "missing binding" for a binding that cannot exist.
 */
final class InjectableTypes {
  private InjectableTypes() {}

  /**
   * The error for {@code type} written at {@code site}, or null when it can be a key.
   *
   * @param subject where the type is used, for the message: {@code entry point App.run()}
   * @param role what happens to it there: requested, injected, provided
   */
  static Diagnostic check(TypeMirror type, Element site, String subject, String role) {
    String reason;
    String fix;
    if (type.getKind() == TypeKind.VOID) {
      reason = "void has no instances";
      fix = "return the daemon or value to expose; for an action, use a default method.";
    } else if (contains(type, TypeKind.WILDCARD)) {
      // it used to say "a wildcard type matches no binding, only the exact type it is written
      // as", which a user who had written the binding with the very same type could not follow
      reason = "a wildcard (?) stands for many types, and a key names exactly one";
      fix = "write " + TypeNames.simple(withoutWildcards(type)) + " (or another type without ?),"
          + " here and in its binding.";
    } else if (contains(type, TypeKind.TYPEVAR)) {
      reason = "a type variable names no single type a binding could be chosen for";
      fix = "use a concrete type; for an inherited entry point, redeclare it in the @Factory"
          + " interface with its concrete return type.";
    } else {
      return null;
    }
    String shown = TypeNames.simple(type.toString()) + " (" + subject + ")";
    return Diagnostic.of(
        ErrorCode.TypeNotInjectable,
        site,
        ErrorCode.TypeNotInjectable.describe(shown, role, reason),
        "",
        ErrorCode.TypeNotInjectable.fix(fix));
  }

  /**
   * The error for a provides method returning a provider, or null: every request of {@code
   * Provider<X>} gets the factory's provider of {@code X}, so a binding of the key {@code
   * Provider<X>} is one no request can reach, and the method would never run.
   */
  static Diagnostic checkProvidesProvider(TypeMirror type, Element site, String subject) {
    if (!(type instanceof DeclaredType declared)
        || !(declared.asElement() instanceof javax.lang.model.element.TypeElement element)
        || !Annotations.PROVIDERS.contains(element.getQualifiedName().toString())) {
      return null;
    }
    String given = declared.getTypeArguments().isEmpty()
        ? "the type it gives"
        : TypeNames.simple(declared.getTypeArguments().get(0).toString());
    return Diagnostic.of(
        ErrorCode.TypeNotInjectable,
        site,
        ErrorCode.TypeNotInjectable.describe(
            TypeNames.simple(type.toString()) + " (" + subject + ")", "provided",
            "a request of a Provider always gets the provider the factory makes for the key it"
                + " gives, so no request could reach this method"),
        "",
        ErrorCode.TypeNotInjectable.fix("return " + given + " itself; the factory makes its"
            + " Provider."));
  }

  /** The error for a type listed in {@code @Factory(injected = ...)}, or null. */
  static Diagnostic checkInjected(TypeMirror type, Element factory) {
    String subject = "in @Factory(injected = ...) of " + factory.getSimpleName();
    String reason;
    String fix;
    if (type.getKind() == TypeKind.VOID || ProvidesValidator.isVoidBox(type)) {
      reason = "void has no instances (Void has only null)";
      fix = "remove " + TypeNames.simple(type.toString()) + ".class from injected.";
    } else if (type instanceof DeclaredType declared
        && Annotations.PROVIDERS.contains(
            ((javax.lang.model.element.TypeElement) declared.asElement())
                .getQualifiedName().toString())) {
      reason = "a Provider is made by the factory for a key it binds, never handed in";
      fix = "list the type the provider gives (Foo.class for Provider<Foo>) instead.";
    } else if (type.getKind().isPrimitive()) {
      reason = "it is a primitive type, and inject(type, instance) takes objects";
      fix = "list the class that holds the value (or its box, such as Integer.class) instead.";
    } else if (type instanceof ArrayType) {
      reason = "an array has no class of its own for inject(type, instance) to match";
      fix = "wrap the array in a small class of its own and inject that.";
    } else if (!(type instanceof DeclaredType)) {
      reason = "it is not a class or interface";
      fix = "list a class or interface.";
    } else {
      return null;
    }
    String shown = TypeNames.simple(type.toString()) + " (" + subject + ")";
    return Diagnostic.of(
        ErrorCode.TypeNotInjectable,
        factory,
        ErrorCode.TypeNotInjectable.describe(shown, "handed in", reason),
        "",
        ErrorCode.TypeNotInjectable.fix(fix));
  }

  /**
   * The error for {@code annotated} carrying two qualifiers, or null: a key has one, and taking the
   * first silently would bind something the user did not mean.
   */
  static Diagnostic checkQualifiers(Element annotated, Element site, String subject) {
    List<AnnotationMirror> qualifiers = Annotations.qualifiersOf(annotated);
    if (qualifiers.size() < 2) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (AnnotationMirror qualifier : qualifiers) {
      names.add(TypeNames.simple(qualifier.toString()));
    }
    return Diagnostic.of(
        ErrorCode.TypeNotInjectable,
        site,
        ErrorCode.TypeNotInjectable.describe(
            subject, "qualified twice",
            "it carries " + String.join(" and ", names) + ", and a key has at most one qualifier"),
        "",
        ErrorCode.TypeNotInjectable.fix("keep one qualifier; to combine two meanings, declare a"
            + " qualifier annotation with two members."));
  }

  /** The error for a type listed in {@code @Factory(modules = ...)} that is not a class. */
  static Diagnostic notAModule(TypeMirror type, Element factory) {
    String shown =
        TypeNames.simple(type.toString()) + " (in @Factory(modules = ...) of "
            + factory.getSimpleName() + ")";
    return Diagnostic.of(
        ErrorCode.TypeNotInjectable,
        factory,
        ErrorCode.TypeNotInjectable.describe(
            shown, "a module", "a module is a class or interface holding @Provides methods"),
        "",
        ErrorCode.TypeNotInjectable.fix("list the class that declares the @Provides methods."));
  }

  /**
   * {@code type} written with each wildcard replaced by its bound ({@code Object} when it has
   * none): {@code Map<String, List<Number>>} for {@code Map<String, List<? extends Number>>}.
   */
  private static String withoutWildcards(TypeMirror type) {
    if (type instanceof javax.lang.model.type.WildcardType wildcard) {
      TypeMirror bound = wildcard.getExtendsBound() != null
          ? wildcard.getExtendsBound()
          : wildcard.getSuperBound();
      return bound == null ? "java.lang.Object" : withoutWildcards(bound);
    }
    if (type instanceof ArrayType array) {
      return withoutWildcards(array.getComponentType()) + "[]";
    }
    if (type instanceof DeclaredType declared && !declared.getTypeArguments().isEmpty()) {
      List<String> arguments = new ArrayList<>();
      for (TypeMirror argument : declared.getTypeArguments()) {
        arguments.add(withoutWildcards(argument));
      }
      return ((javax.lang.model.element.TypeElement) declared.asElement()).getQualifiedName()
          + "<" + String.join(", ", arguments) + ">";
    }
    return type.toString();
  }

  private static boolean contains(TypeMirror type, TypeKind kind) {
    if (type.getKind() == kind) {
      return true;
    }
    if (type instanceof ArrayType array) {
      return contains(array.getComponentType(), kind);
    }
    if (type instanceof DeclaredType declared) {
      for (TypeMirror argument : declared.getTypeArguments()) {
        if (contains(argument, kind)) {
          return true;
        }
      }
    }
    return false;
  }
}
