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
    if (element.getKind() == ElementKind.FIELD) {
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
            ErrorCode.QualifierWithoutEffect.fix(
                "remove @Named, or add @Provides to the method that should bind it.")));
  }

  private static boolean qualifies(Element method) {
    return Annotations.has(method, Annotations.PROVIDES)
        || (method.getModifiers().contains(Modifier.ABSTRACT)
            && method.getEnclosingElement().getKind() == ElementKind.INTERFACE);
  }
}
