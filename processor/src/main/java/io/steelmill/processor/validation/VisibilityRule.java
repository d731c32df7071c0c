package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;

/**
 * The generated factory calls constructors and provides methods from its own package: each must
 * be visible from there (no private class on the way, nothing package-private elsewhere).
 */
final class VisibilityRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    String factoryPackage = graph.factory().packageName();
    for (Binding binding : graph.localBindings()) {
      if (binding.executable() == null) {
        continue;
      }
      String problem = problem(binding.executable(), factoryPackage);
      if (problem == null) {
        continue;
      }
      String subject = TraceFormatter.site(binding);
      out.add(
          Diagnostic.of(
              ErrorCode.TypeNotVisible,
              binding.element(),
              ErrorCode.TypeNotVisible.describe(
                  subject,
                  factoryPackage.isEmpty() ? "the unnamed package" : "package " + factoryPackage,
                  graph.factory().generatedName(),
                  problem),
              TraceFormatter.trace(graph, binding.key()),
              ErrorCode.TypeNotVisible.fix(factoryPackage)));
    }
  }

  /** Why {@code element} cannot be called from {@code fromPackage}, or null. */
  private static String problem(Element element, String fromPackage) {
    for (Element e = element; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return name(e) + " is private";
      }
      if (!e.getModifiers().contains(Modifier.PUBLIC) && !packageOf(e).equals(fromPackage)) {
        return name(e) + " is not public and sits in package " + packageOf(e);
      }
    }
    return null;
  }

  /** {@code Store()} for a constructor, {@code config()} for a method, else the simple name. */
  private static String name(Element e) {
    return e.getKind() == ElementKind.CONSTRUCTOR
        ? e.getEnclosingElement().getSimpleName() + "()"
        : e.getKind() == ElementKind.METHOD ? e.getSimpleName() + "()" : e.getSimpleName().toString();
  }

  private static String packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().toString();
  }
}
