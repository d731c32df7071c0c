package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.Annotations;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Checks where {@code @Inject} sits in a class a factory constructs. Steelmill injects
 * constructors only: on a field or a method (Dagger's and Guice's member injection) it would
 * leave the field null and never call the method, so a user coming from those injectors must be
 * told instead of finding a null at run time. Members of superclasses count too: the factory
 * constructs the subclass and injects none of them.
 */
public final class InjectPlacement {
  private InjectPlacement() {}

  /** An error for each {@code @Inject} field or method of {@code type} and its superclasses. */
  public static List<Diagnostic> check(TypeElement type) {
    List<Diagnostic> out = new ArrayList<>();
    for (TypeElement c = type; c != null; c = superclass(c)) {
      for (Element member : c.getEnclosedElements()) {
        ElementKind kind = member.getKind();
        if ((kind == ElementKind.FIELD || kind == ElementKind.METHOD)
            && Annotations.hasInject(member)) {
          out.add(diagnostic(type, c, member));
        }
      }
    }
    return out;
  }

  private static Diagnostic diagnostic(TypeElement type, TypeElement declaring, Element member) {
    boolean field = member.getKind() == ElementKind.FIELD;
    String name = declaring.getSimpleName() + "." + member.getSimpleName() + (field ? "" : "()");
    String daemon = type.getSimpleName().toString();
    String reason = "Steelmill injects only the constructor of " + daemon + ", so it would "
        + (field ? "leave this field null" : "never call this method");
    String fix = field
        ? "take " + member.getSimpleName() + " as a parameter of " + daemon + "'s constructor and"
            + " assign the field there, then remove @Inject from the field."
        : "take what the method needs as parameters of " + daemon + "'s constructor, then"
            + " remove @Inject from the method.";
    // a superclass compiled before has no line: the error goes on the constructed class
    Element on = declaring.equals(type) ? member : type;
    return Diagnostic.of(ErrorCode.InjectWithoutEffect, on,
        ErrorCode.InjectWithoutEffect.describe(name, reason), "",
        ErrorCode.InjectWithoutEffect.fix(fix));
  }

  private static TypeElement superclass(TypeElement type) {
    TypeMirror parent = type.getSuperclass();
    if (parent instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element
        && !element.getQualifiedName().contentEquals("java.lang.Object")) {
      return element;
    }
    return null;
  }
}
