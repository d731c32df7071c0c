package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/** Checks a {@code @Provides} method's shape. Whether a factory lists its class is checked last. */
public final class ProvidesValidator {
  public List<Diagnostic> validate(ExecutableElement method) {
    List<Diagnostic> out = new ArrayList<>();
    String name = method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "()";
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      out.add(
          Diagnostic.of(
              ErrorCode.ProvidesNotStatic,
              method,
              ErrorCode.ProvidesNotStatic.describe(name),
              "",
              ErrorCode.ProvidesNotStatic.fix(name)));
    }
    if (method.getReturnType().getKind() == TypeKind.VOID) {
      out.add(
          Diagnostic.of(
              ErrorCode.ProvidesReturnsVoid,
              method,
              ErrorCode.ProvidesReturnsVoid.describe(name),
              "",
              ErrorCode.ProvidesReturnsVoid.fix()));
    }
    out.addAll(ModeAnnotationValidator.validateBinding(method));
    return out;
  }

  /** The error for a provides method whose class no factory lists. */
  public static Diagnostic notListed(ExecutableElement method) {
    String owner = method.getEnclosingElement().getSimpleName().toString();
    String name = owner + "." + method.getSimpleName() + "()";
    return Diagnostic.of(
        ErrorCode.ProvidesNotListed,
        method,
        ErrorCode.ProvidesNotListed.describe(name, owner),
        "",
        ErrorCode.ProvidesNotListed.fix(owner));
  }
}
