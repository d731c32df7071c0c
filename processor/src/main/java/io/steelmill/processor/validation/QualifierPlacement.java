package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.Annotations;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Checks where {@code @Named} sits. It qualifies a key only on a {@code @Provides} method, an
 * entry point (an abstract interface method), a constructor parameter or a {@code @Provides}
 * parameter; anywhere else (a field, a plain method) Steelmill never reads it, and a user who
 * wrote it expected something to happen.
 */
public final class QualifierPlacement {
  private QualifierPlacement() {}

  /** The error for a {@code @Named} that qualifies nothing, or none. */
  public static List<Diagnostic> check(Element element) {
    String reason = null;
    String fix = "remove @Named, or add @Provides to the method that should bind it.";
    Element component = RecordComponents.componentOf(element);
    if (component != null && RecordComponents.fieldHas(component, Annotations.NAMED)) {
      // javac copies a record component's @Named onto its field and accessor as well as onto the
      // canonical constructor's parameter: judged once, by the field, on whether it got there
      if (element.getKind() != ElementKind.FIELD
          || RecordComponents.canonicalParameterHas(component, Annotations.NAMED)) {
        return List.of();
      }
      element = component;
      reason = "the record's canonical constructor declares " + component.getSimpleName()
          + " without it, so the key injected is not qualified";
      fix = "write @Named on that constructor's parameter too (or use a compact constructor).";
    } else if (element.getKind() == ElementKind.FIELD) {
      reason = "Steelmill injects constructors, never fields";
    } else if (element.getKind() == ElementKind.METHOD && !qualifies(element)) {
      reason = "only a @Provides method or an entry point of a @Factory interface has a key";
    } else if (element.getKind() == ElementKind.PARAMETER) {
      Element owner = element.getEnclosingElement();
      if (owner.getKind() == ElementKind.METHOD
          && !Annotations.has(owner, Annotations.PROVIDES)) {
        reason = "only the parameters of a constructor or a @Provides method are injected";
      }
    }
    if (reason == null) {
      return List.of();
    }
    String name = element.getSimpleName().toString();
    return List.of(
        Diagnostic.of(
            ErrorCode.QualifierWithoutEffect,
            element,
            ErrorCode.QualifierWithoutEffect.describe("Named", name, reason),
            "",
            ErrorCode.QualifierWithoutEffect.fix(fix)));
  }

  private static boolean qualifies(Element method) {
    return Annotations.has(method, Annotations.PROVIDES)
        || (method.getModifiers().contains(Modifier.ABSTRACT)
            && method.getEnclosingElement().getKind() == ElementKind.INTERFACE);
  }
}
