package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.Annotations;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * A record's components and the members javac derives from them. An annotation written on a
 * component lands on every derived member its target allows (the private field, the accessor, the
 * canonical constructor's parameter), so a qualifier meant for the constructor parameter also sits
 * on a field and a method, where it would otherwise mean nothing.
 */
final class RecordComponents {
  private RecordComponents() {}

  /**
   * The component whose field or accessor {@code element} is, or null: an instance field of a
   * record, or a method of a record taking nothing and named like a component.
   */
  static RecordComponentElement componentOf(Element element) {
    if (!(element.getEnclosingElement() instanceof TypeElement record)
        || record.getKind() != ElementKind.RECORD
        || element.getModifiers().contains(Modifier.STATIC)
        || (element.getKind() != ElementKind.FIELD
            && !(element instanceof ExecutableElement method
                && method.getKind() == ElementKind.METHOD && method.getParameters().isEmpty()))) {
      return null;
    }
    for (RecordComponentElement component : ElementFilter.recordComponentsIn(
        record.getEnclosedElements())) {
      if (component.getSimpleName().contentEquals(element.getSimpleName())) {
        return component;
      }
    }
    return null;
  }

  /** Whether the field javac derives from {@code component} carries {@code annotation}. */
  static boolean fieldHas(Element component, String annotation) {
    VariableElement field = fieldOf(component);
    return field != null && Annotations.has(field, annotation);
  }

  /**
   * The error for each component of {@code record} whose qualifier (one of jakarta's, javax's
   * or a custom {@code @Qualifier}: {@code @Named} of Steelmill is {@link QualifierPlacement}'s)
   * lands on its field but not on the parameter of {@code constructor}, the canonical constructor
   * a factory calls: one written by hand that leaves it off injects the unqualified key, silently
   * when one is bound.
   */
  static List<Diagnostic> droppedQualifiers(TypeElement record, ExecutableElement constructor) {
    List<? extends RecordComponentElement> components =
        ElementFilter.recordComponentsIn(record.getEnclosedElements());
    List<Diagnostic> out = new ArrayList<>();
    if (constructor.getParameters().size() != components.size()
        || !isCanonical(constructor.getParameters(), components)) {
      return out;
    }
    for (int i = 0; i < components.size(); i++) {
      VariableElement field = fieldOf(components.get(i));
      if (field == null || !Annotations.qualifiersOf(constructor.getParameters().get(i)).isEmpty()) {
        continue;
      }
      for (AnnotationMirror qualifier : Annotations.qualifiersOf(field)) {
        Element type = qualifier.getAnnotationType().asElement();
        if (((TypeElement) type).getQualifiedName().contentEquals(Annotations.NAMED)) {
          continue;
        }
        String name = components.get(i).getSimpleName().toString();
        out.add(Diagnostic.of(ErrorCode.QualifierWithoutEffect, components.get(i),
            ErrorCode.QualifierWithoutEffect.describe(type.getSimpleName(), name,
                "the record's canonical constructor declares " + name + " without it, so the"
                    + " key injected is not qualified"),
            "",
            ErrorCode.QualifierWithoutEffect.fix("write @" + type.getSimpleName()
                + " on that constructor's parameter too (or use a compact constructor).")));
        break;
      }
    }
    return out;
  }

  private static VariableElement fieldOf(Element component) {
    for (VariableElement field : ElementFilter.fieldsIn(
        component.getEnclosingElement().getEnclosedElements())) {
      if (field.getSimpleName().contentEquals(component.getSimpleName())
          && !field.getModifiers().contains(Modifier.STATIC)) {
        return field;
      }
    }
    return null;
  }

  /** Whether the canonical constructor's parameter for {@code component} carries annotation. */
  static boolean canonicalParameterHas(Element component, String annotation) {
    TypeElement record = (TypeElement) component.getEnclosingElement();
    List<? extends RecordComponentElement> components =
        ElementFilter.recordComponentsIn(record.getEnclosedElements());
    int index = components.indexOf(component);
    for (ExecutableElement constructor : ElementFilter.constructorsIn(
        record.getEnclosedElements())) {
      List<? extends VariableElement> parameters = constructor.getParameters();
      if (parameters.size() == components.size() && isCanonical(parameters, components)) {
        return Annotations.has(parameters.get(index), annotation);
      }
    }
    return false;
  }

  private static boolean isCanonical(
      List<? extends VariableElement> parameters,
      List<? extends RecordComponentElement> components) {
    for (int i = 0; i < parameters.size(); i++) {
      if (!parameters.get(i).asType().toString().equals(components.get(i).asType().toString())) {
        return false;
      }
    }
    return true;
  }
}
