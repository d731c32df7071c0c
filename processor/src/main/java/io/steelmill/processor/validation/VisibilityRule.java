package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.PathStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * The generated factory calls constructors and provides methods from its own package: each must
 * be visible from there (no private class on the way, nothing package-private elsewhere), and so
 * must every type it names for a key.
 */
final class VisibilityRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    String factoryPackage = graph.factory().packageName();
    Set<Key> reported = new HashSet<>();
    for (Binding binding : graph.localBindings()) {
      if (binding.executable() == null) {
        continue;
      }
      String problem = problem(binding.executable(), factoryPackage);
      if (problem == null) {
        continue;
      }
      reported.add(binding.key());
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
              ErrorCode.TypeNotVisible.fix(makePublic(factoryPackage))));
    }
    keyTypes(graph, factoryPackage, reported, out);
  }

  /**
   * The generated factory also names the type of every key it builds, requests or takes from its
   * parent (in accessors and casts), type arguments and array components included: a type that
   * is package-private in another package ({@code public static Hidden h()} in a public module)
   * would make it fail to compile. Reported where the key is injected or requested.
   */
  private static void keyTypes(BindingGraph graph, String factoryPackage, Set<Key> reported,
      List<Diagnostic> out) {
    for (Map.Entry<Key, PathStep> path : graph.paths().entrySet()) {
      Key key = path.getKey();
      if (reported.contains(key)) {
        continue;
      }
      String problem = null;
      String fix = makePublic(factoryPackage);
      for (TypeElement named : namedTypes(key.type(), new ArrayList<>())) {
        problem = problem(named, factoryPackage);
        if (problem != null) {
          break;
        }
        String[] unreadable = ModuleAccess.problem(named, graph.factory().element());
        if (unreadable != null) {
          problem = unreadable[0];
          fix = unreadable[1];
          break;
        }
      }
      if (problem == null) {
        continue;
      }
      Element site = path.getValue().dependency().site();
      out.add(
          Diagnostic.of(
              ErrorCode.TypeNotVisible,
              site != null ? site : graph.factory().element(),
              ErrorCode.TypeNotVisible.describe(
                  key.displayName(),
                  factoryPackage.isEmpty() ? "the unnamed package" : "package " + factoryPackage,
                  graph.factory().generatedName(),
                  problem),
              TraceFormatter.trace(graph, key),
              ErrorCode.TypeNotVisible.fix(fix)));
    }
  }

  /** The fix for a class or member that is not public. */
  static String makePublic(String factoryPackage) {
    return "make it public (or package-private in package " + factoryPackage + ").";
  }

  /** Every class or interface {@code type} names: itself, its arguments, its components. */
  private static List<TypeElement> namedTypes(TypeMirror type, List<TypeElement> into) {
    if (type instanceof DeclaredType declared) {
      if (declared.asElement() instanceof TypeElement element) {
        into.add(element);
      }
      for (TypeMirror argument : declared.getTypeArguments()) {
        namedTypes(argument, into);
      }
    } else if (type instanceof ArrayType array) {
      namedTypes(array.getComponentType(), into);
    } else if (type instanceof WildcardType wildcard) {
      if (wildcard.getExtendsBound() != null) {
        namedTypes(wildcard.getExtendsBound(), into);
      }
      if (wildcard.getSuperBound() != null) {
        namedTypes(wildcard.getSuperBound(), into);
      }
    }
    return into;
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
