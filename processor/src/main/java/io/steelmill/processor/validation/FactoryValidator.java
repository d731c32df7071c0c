package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TypeNames;
import io.steelmill.processor.model.Annotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Checks a {@code @Factory} element: an interface, entry points without parameters, a parent. */
public final class FactoryValidator {
  /** Instance methods of {@code io.steelmill.runtime.Node} and the generated statics. */
  private static final Set<String> RESERVED =
      Set.of(
          "name", "parent", "state", "builtDaemons", "startupTimes", "start", "stop", "close",
          "failure", "inject", "bind", "create", "ambient", "node", "hashCode", "toString",
          "getClass", "notify", "notifyAll", "wait", "crash", "isCrashed", "buildForChildren");

  public List<Diagnostic> validate(Element element) {
    List<Diagnostic> out = new ArrayList<>();
    String name = element.getSimpleName().toString();
    if (element.getKind() != ElementKind.INTERFACE) {
      String kind =
          switch (element.getKind()) {
            case CLASS -> element.getModifiers().contains(Modifier.ABSTRACT)
                ? "an abstract class"
                : "a class";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + element.getKind().toString().toLowerCase(java.util.Locale.ROOT);
          };
      out.add(
          Diagnostic.of(
              ErrorCode.FactoryNotInterface,
              element,
              ErrorCode.FactoryNotInterface.describe(name, kind),
              "",
              ErrorCode.FactoryNotInterface.fix(name)));
      return out;
    }
    TypeElement factory = (TypeElement) element;
    for (ExecutableElement method : ElementFilter.methodsIn(factory.getEnclosedElements())) {
      if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
        continue;
      }
      String entry = name + "." + method.getSimpleName() + "()";
      if (!method.getParameters().isEmpty() || !method.getTypeParameters().isEmpty()) {
        out.add(
            Diagnostic.of(
                ErrorCode.EntryPointHasParameters,
                method,
                ErrorCode.EntryPointHasParameters.describe(entry),
                "",
                ErrorCode.EntryPointHasParameters.fix()));
      } else if (RESERVED.contains(method.getSimpleName().toString())) {
        out.add(
            Diagnostic.of(
                ErrorCode.EntryPointNameClash,
                method,
                ErrorCode.EntryPointNameClash.describe(
                    entry, "a method of io.steelmill.runtime.Node"),
                "",
                ErrorCode.EntryPointNameClash.fix()));
      }
    }
    AnnotationMirror annotation = Annotations.find(factory, Annotations.FACTORY);
    TypeMirror parent = Annotations.classValue(annotation, "parent");
    if (parent != null) {
      TypeElement parentElement = Annotations.typeElement(parent);
      boolean isFactory =
          parentElement != null
              && parentElement.getKind() == ElementKind.INTERFACE
              && Annotations.has(parentElement, Annotations.FACTORY)
              && !parentElement.equals(factory);
      if (!isFactory) {
        String parentName = TypeNames.simple(parent.toString());
        out.add(
            Diagnostic.of(
                ErrorCode.ParentNotFactory,
                factory,
                ErrorCode.ParentNotFactory.describe(parentName + ".class", parentName),
                "",
                ErrorCode.ParentNotFactory.fix()));
      }
    }
    return out;
  }
}
