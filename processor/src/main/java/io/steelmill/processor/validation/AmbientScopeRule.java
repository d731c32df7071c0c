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
        if (needed != null && needed.kind() == BindingKind.CREATOR) {
          out.add(CreatorScope.inAmbient(graph, key, subject(binding), dependency, needed));
        } else if (needed != null && isPerNode(needed)) {
          String perNode = needed.key().displayName();
          out.add(
              Diagnostic.of(
                  ErrorCode.AmbientDependsOnNode,
                  dependency.site(),
                  ErrorCode.AmbientDependsOnNode.describe(subject(binding), perNode),
                  TraceFormatter.trace(graph, key),
                  ErrorCode.AmbientDependsOnNode.fix(perNode, remedy(binding))));
        }
      }
    }
  }

  /**
   * What depends on the per-node binding: an {@code @Ambient} daemon itself, or a binding that
   * is shared only because an {@code @Ambient} daemon needs it (a {@code @Provides} method, an
   * alias or an injected type), which is not "an @Ambient daemon" and has no {@code @Ambient}
   * to remove.
   */
  private static String subject(Binding binding) {
    String name = binding.key().displayName();
    if (binding.ambient()) {
      return "@Ambient daemon " + name;
    }
    String how =
        binding.kind() == BindingKind.PROVIDES
            ? " (@Provides " + binding.owner().getSimpleName() + "."
                + binding.executable().getSimpleName() + "())"
            : "";
    return name + how + ", shared because an @Ambient daemon needs it,";
  }

  private static String remedy(Binding binding) {
    return binding.ambient()
        ? "make " + binding.key().displayName() + " a per-node daemon (remove @Ambient)"
        : "remove @Ambient from the daemons that need " + binding.key().displayName()
            + " (the trace above names them)";
  }

  private static boolean isPerNode(Binding binding) {
    return binding.kind() == BindingKind.CONSTRUCTOR && !binding.ambient();
  }
}
