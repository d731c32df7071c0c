package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.model.ConstructorChoice;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/** Checks a {@code @Daemon} class: constructible, with one constructor to call. */
public final class DaemonValidator {
  public List<Diagnostic> validate(Element element) {
    List<Diagnostic> out = new ArrayList<>();
    if (!(element instanceof TypeElement type)) {
      return out;
    }
    ConstructorChoice choice = ConstructorChoice.of(type);
    Diagnostic problem = Constructibility.problem(type, choice);
    if (problem != null) {
      out.add(problem);
    } else {
      ExecutableElement constructor = choice.constructor();
      for (VariableElement parameter : constructor.getParameters()) {
        Diagnostic wrong =
            InjectableTypes.check(
                parameter.asType(),
                parameter,
                type.getSimpleName() + "(" + parameter.getSimpleName() + ")",
                "injected");
        if (wrong == null) {
          wrong = InjectableTypes.checkQualifiers(
              parameter, parameter, type.getSimpleName() + "(" + parameter.getSimpleName() + ")");
        }
        if (wrong != null) {
          out.add(wrong);
        }
      }
      if (type.getKind() == ElementKind.RECORD) {
        out.addAll(RecordComponents.droppedQualifiers(type, constructor));
      }
    }
    out.addAll(InjectPlacement.check(type));
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
