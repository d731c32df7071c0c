package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TypeNames;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
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
    if (method.getReturnType().getKind() == TypeKind.VOID || isVoidBox(method.getReturnType())) {
      out.add(
          Diagnostic.of(
              ErrorCode.ProvidesReturnsVoid,
              method,
              ErrorCode.ProvidesReturnsVoid.describe(name),
              "",
              ErrorCode.ProvidesReturnsVoid.fix()));
    }
    Diagnostic returned = InjectableTypes.check(method.getReturnType(), method, name, "provided");
    if (returned == null) {
      returned = InjectableTypes.checkProvidesProvider(method.getReturnType(), method, name);
    }
    if (returned != null && method.getReturnType().getKind() != TypeKind.VOID) {
      out.add(returned);
    }
    for (VariableElement parameter : method.getParameters()) {
      Diagnostic wrong =
          InjectableTypes.check(
              parameter.asType(), parameter, name + " parameter " + parameter.getSimpleName(),
              "injected");
      if (wrong == null) {
        wrong = InjectableTypes.checkQualifiers(
            parameter, parameter, name + " parameter " + parameter.getSimpleName());
      }
      if (wrong != null) {
        out.add(wrong);
      }
    }
    Diagnostic qualified = InjectableTypes.checkQualifiers(method, method, name);
    if (qualified != null) {
      out.add(qualified);
    }
    String nullable = nullableAnnotation(method);
    if (nullable != null) {
      String type = TypeNames.simple(method.getReturnType().toString());
      out.add(
          Diagnostic.of(
              ErrorCode.ProvidesNullable,
              method,
              ErrorCode.ProvidesNullable.describe(name, nullable),
              "",
              ErrorCode.ProvidesNullable.fix(nullable, type)));
    }
    out.addAll(ModeAnnotationValidator.validateBinding(method));
    return out;
  }

  /**
   * The simple name of a {@code @Nullable} (any package: JSpecify, JSR 305, Checker, AndroidX) on
   * the method or its return type, or null. Steelmill never injects null, so declaring one is a
   * mistake to report, not an option to honour.
   */
  private static String nullableAnnotation(ExecutableElement method) {
    List<AnnotationMirror> mirrors = new ArrayList<>(method.getAnnotationMirrors());
    mirrors.addAll(method.getReturnType().getAnnotationMirrors());
    for (AnnotationMirror mirror : mirrors) {
      String simple = mirror.getAnnotationType().asElement().getSimpleName().toString();
      if (simple.equals("Nullable") || simple.equals("CheckForNull")) {
        return simple;
      }
    }
    return null;
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

  /** {@code java.lang.Void}: its only value is null, so a method returning it provides nothing. */
  static boolean isVoidBox(javax.lang.model.type.TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && type.toString().equals("java.lang.Void");
  }
}
