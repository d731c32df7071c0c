package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Resolution;
import java.util.List;

/**
 * Ambient daemons are shared by every node, so they may depend only on what the ambient factory
 * owns. (A child factory that needs an ambient daemon takes it from the root, whose graph then
 * holds it: see {@code GraphBuilder}.)
 */
final class AmbientScopeRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    if (graph.parent() == null) {
      checkRoot(graph, out);
    }
  }

  private void checkRoot(BindingGraph graph, List<Diagnostic> out) {
    for (Key key : graph.ambientKeys()) {
      Binding binding = graph.resolutions().get(key).binding();
      for (Dependency dependency : binding.dependencies()) {
        Resolution target = graph.resolutions().get(dependency.key());
        Binding needed = target == null ? null : target.binding();
        if (needed != null && isPerNode(needed)) {
          String ambient = binding.key().displayName();
          String perNode = needed.key().displayName();
          out.add(
              Diagnostic.of(
                  ErrorCode.AmbientDependsOnNode,
                  dependency.site(),
                  ErrorCode.AmbientDependsOnNode.describe(ambient, perNode),
                  TraceFormatter.trace(graph, key),
                  ErrorCode.AmbientDependsOnNode.fix(perNode, ambient)));
        }
      }
    }
  }

  private static boolean isPerNode(Binding binding) {
    return binding.kind() == BindingKind.CONSTRUCTOR && !binding.ambient();
  }
}
