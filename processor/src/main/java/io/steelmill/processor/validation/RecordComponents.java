package io.steelmill.processor.validation;

import io.steelmill.processor.model.Annotations;
import java.util.List;
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
    for (VariableElement field : ElementFilter.fieldsIn(
        component.getEnclosingElement().getEnclosedElements())) {
      if (field.getSimpleName().contentEquals(component.getSimpleName())
          && !field.getModifiers().contains(Modifier.STATIC)) {
        return Annotations.has(field, annotation);
      }
    }
    return false;
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
