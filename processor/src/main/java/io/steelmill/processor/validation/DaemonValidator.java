package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.ConstructorChoice;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** Checks a {@code @Daemon} class: constructible, with one constructor to call. */
public final class DaemonValidator {
  public List<Diagnostic> validate(Element element) {
    List<Diagnostic> out = new ArrayList<>();
    String kind = notConstructible(element);
    String name = element.getSimpleName().toString();
    if (kind != null) {
      out.add(
          Diagnostic.of(
              ErrorCode.DaemonNotConstructible,
              element,
              ErrorCode.DaemonNotConstructible.describe(name, kind),
              "",
              ErrorCode.DaemonNotConstructible.fix()));
      return out;
    }
    ConstructorChoice choice = ConstructorChoice.of((TypeElement) element);
    if (choice.isAmbiguous()) {
      out.add(
          Diagnostic.of(
              ErrorCode.AmbiguousConstructor,
              element,
              ErrorCode.AmbiguousConstructor.describe(name, choice.candidates()),
              "",
              ErrorCode.AmbiguousConstructor.fix()));
    } else if (choice.constructor() == null) {
      out.add(
          Diagnostic.of(
              ErrorCode.NoUsableConstructor,
              element,
              ErrorCode.NoUsableConstructor.describe(name, choice.problem()),
              "",
              ErrorCode.NoUsableConstructor.fix()));
    }
    out.addAll(ModeAnnotationValidator.validateBinding(element));
    return out;
  }

  /** What makes {@code element} unconstructible, as "an interface", or null. */
  static String notConstructible(Element element) {
    ElementKind kind = element.getKind();
    if (kind == ElementKind.INTERFACE || kind == ElementKind.ANNOTATION_TYPE) {
      return "an interface";
    }
    if (kind == ElementKind.ENUM) {
      return "an enum";
    }
    if (kind != ElementKind.CLASS && kind != ElementKind.RECORD) {
      return "a " + kind.toString().toLowerCase(java.util.Locale.ROOT);
    }
    TypeElement type = (TypeElement) element;
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      return "an abstract class";
    }
    if (type.getNestingKind().isNested() && !type.getModifiers().contains(Modifier.STATIC)) {
      return type.getNestingKind() == javax.lang.model.element.NestingKind.MEMBER
          ? "an inner (non-static) class"
          : "a local or anonymous class";
    }
    if (!type.getTypeParameters().isEmpty()) {
      return "generic";
    }
    return null;
  }
}
