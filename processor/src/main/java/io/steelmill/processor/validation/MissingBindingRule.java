package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.diagnostics.TypeNames;
import io.steelmill.processor.model.Annotations;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.FactoryDescriptor;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Mode;
import io.steelmill.processor.model.PathStep;
import io.steelmill.processor.model.Resolution;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A reachable key with no binding. When the other mode binds it, the message says so
 * ({@link ErrorCode#ModeOnlyBinding}): the classic "works in production, broken in simulation".
 */
final class MissingBindingRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    for (Resolution resolution : graph.resolutions().values()) {
      if (resolution.fromParent() || !resolution.candidates().isEmpty()) {
        continue;
      }
      Key key = resolution.key();
      PathStep step = graph.paths().get(key);
      if (step != null && step.from() != null
          && step.from().element() instanceof TypeElement requester
          && !requester.getTypeParameters().isEmpty() && namesTypeVariable(key.type())) {
        // a generic daemon's T: DaemonNotConstructible says the class is generic, and "add a
        // @Provides method returning T" was a second error, with a fix no one can follow
        continue;
      }
      String trace = TraceFormatter.trace(graph, key);
      String factory = graph.factory().displayName();
      if (key.namesCreator()) {
        out.add(CreatorScope.misplaced(graph, key, step, trace));
      } else if (!resolution.otherMode().isEmpty()) {
        Mode mode = graph.mode();
        String requester =
            step.from() == null ? factory : TypeNames.simple(step.from().key().displayName());
        out.add(
            Diagnostic.of(
                ErrorCode.ModeOnlyBinding,
                step.dependency().site(),
                ErrorCode.ModeOnlyBinding.describe(key, mode.other(), mode),
                trace,
                ErrorCode.ModeOnlyBinding.fix(
                    mode.annotationName(),
                    key,
                    mode.annotationName(),
                    requester,
                    mode.other().annotationName())));
      } else if (declaringDescendant(graph, key) != null) {
        // a child binds it, but a binding of its parent that the child needs cannot use it
        String child = declaringDescendant(graph, key);
        out.add(
            Diagnostic.of(
                ErrorCode.MissingBinding,
                step.dependency().site(),
                ErrorCode.MissingBinding.describe(
                    key, factory, (graph.parent() == null ? "" : " nor its parent factory")
                        + " (child factory " + child + " declares it, but a binding of " + factory
                        + " cannot use what its child binds)"),
                trace,
                ErrorCode.MissingBinding.fix(key, factory)
                    + " Or move that binding from " + child + " to " + factory + "."));
      } else {
        out.add(
            Diagnostic.of(
                ErrorCode.MissingBinding,
                step.dependency().site(),
                ErrorCode.MissingBinding.describe(
                    key, factory, graph.parent() == null ? "" : " nor its parent factory"),
                trace,
                ErrorCode.MissingBinding.fix(key, factory)));
      }
    }
  }

  private static boolean namesTypeVariable(TypeMirror type) {
    if (type.getKind() == javax.lang.model.type.TypeKind.TYPEVAR) {
      return true;
    }
    if (type instanceof javax.lang.model.type.ArrayType array) {
      return namesTypeVariable(array.getComponentType());
    }
    return type instanceof javax.lang.model.type.DeclaredType declared
        && declared.getTypeArguments().stream().anyMatch(MissingBindingRule::namesTypeVariable);
  }

  /**
   * The display name of a factory below {@code graph} on the path to {@code key} (a descendant
   * whose need brought the key's requester into this graph) that declares {@code key}, as an
   * injected type or an unqualified {@code @Provides} method's type; or null.
   */
  private static String declaringDescendant(BindingGraph graph, Key key) {
    if (key.isQualified()) {
      return null;
    }
    for (BindingGraph.TracedStep traced : graph.pathTo(key)) {
      FactoryDescriptor below = traced.graph().factory();
      if (traced.graph() == graph) {
        continue;
      }
      for (TypeMirror injected : below.injected()) {
        if (injected.toString().equals(key.typeName())) {
          return below.displayName();
        }
      }
      for (ExecutableElement method : below.providesMethods()) {
        if (method.getReturnType().toString().equals(key.typeName())
            && Annotations.qualifiersOf(method).isEmpty()) {
          return below.displayName();
        }
      }
    }
    return null;
  }
}
