package io.steelmill.processor;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.PathStep;
import io.steelmill.processor.model.Resolution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;

/**
 * Whether every class a graph's keys name is complete on the class path: the generated factory
 * casts to it, which javac checks against its supertypes. A library class whose superclass or
 * interface is missing (a dependency of the library left out) compiles in the user's own code as
 * long as nothing needs its supertypes, so it used to fail only inside the generated factory
 * ("cannot access Base: class file for lib.Base not found"), and at run time in any case; now it
 * is {@link ErrorCode#SupertypeMissing} on the line that asks for it. A class compiled from
 * source whose supertype is missing may get it from another processor in a later round: its
 * factory waits (and javac reports the supertype if it never comes).
 */
final class SupertypesOnClassPath {
  /** What a graph's keys need. */
  enum Verdict {
    COMPLETE,
    LATER,
    MISSING
  }

  private final Elements elements;
  private final Diagnostics diagnostics;

  SupertypesOnClassPath(Elements elements, Diagnostics diagnostics) {
    this.elements = elements;
    this.diagnostics = diagnostics;
  }

  /**
   * Checks the keys of {@code graph} and of its ancestors (a child is not written when its
   * parent's class is not: it would call it); reports each missing supertype of {@code graph}'s
   * own keys, its ancestors report theirs.
   */
  Verdict check(BindingGraph graph) {
    Verdict verdict = Verdict.COMPLETE;
    for (BindingGraph g = graph; g != null; g = g.parent()) {
      Verdict found = check(g, g == graph);
      verdict = found.compareTo(verdict) > 0 ? found : verdict;
    }
    return verdict;
  }

  private Verdict check(BindingGraph graph, boolean report) {
    Verdict verdict = Verdict.COMPLETE;
    Set<TypeElement> checked = new HashSet<>();
    for (Resolution resolution : graph.resolutions().values()) {
      Key key = resolution.key();
      PathStep step = graph.paths().get(key);
      if (resolution.fromParent() || step == null || !(key.type() instanceof DeclaredType d)
          || key.type().getKind() != TypeKind.DECLARED
          || !(d.asElement() instanceof TypeElement type)) {
        continue;
      }
      TypeElement[] lacking = new TypeElement[1];
      String missing = missingSupertype(type, checked, lacking);
      if (missing == null) {
        continue;
      }
      if (fromSource(lacking[0])) {
        verdict = verdict == Verdict.MISSING ? verdict : Verdict.LATER;
        continue;
      }
      verdict = Verdict.MISSING;
      if (!report) {
        continue;
      }
      String name = lacking[0].getQualifiedName().toString();
      diagnostics.error(
          Diagnostic.of(
                  ErrorCode.SupertypeMissing,
                  step.dependency().site(),
                  ErrorCode.SupertypeMissing.describe(name, missing),
                  TraceFormatter.trace(graph, key),
                  ErrorCode.SupertypeMissing.fix(missing, name))
              .text(),
          step.dependency().site());
    }
    return verdict;
  }

  private boolean fromSource(TypeElement type) {
    JavaFileObject file = elements.getFileObjectOf(type);
    return file == null || file.getKind() == JavaFileObject.Kind.SOURCE;
  }

  /**
   * The name of a supertype of {@code type} that is not on the class path, or null; {@code
   * lacking[0]} is set to the class that names it.
   */
  private static String missingSupertype(
      TypeElement type, Set<TypeElement> checked, TypeElement[] lacking) {
    List<TypeElement> queue = new ArrayList<>(List.of(type));
    while (!queue.isEmpty()) {
      TypeElement next = queue.remove(queue.size() - 1);
      if (!checked.add(next)) {
        continue;
      }
      List<TypeMirror> supertypes = new ArrayList<>(next.getInterfaces());
      supertypes.add(next.getSuperclass());
      for (TypeMirror supertype : supertypes) {
        if (supertype.getKind() == TypeKind.ERROR) {
          lacking[0] = next;
          return supertype.toString();
        }
        if (supertype instanceof DeclaredType declared
            && declared.asElement() instanceof TypeElement element) {
          queue.add(element);
        }
      }
    }
    return null;
  }
}
