package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.Resolution;
import java.util.List;

/**
 * A key with several bindings; reported on the second one, listing all of them. In a child
 * factory the list holds its ancestors' bindings of the key first: a child sees every binding of
 * its ancestors, so binding the same key again is a duplicate, never a silent replacement.
 */
final class DuplicateBindingRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    for (Resolution resolution : graph.resolutions().values()) {
      if (resolution.candidates().size() < 2) {
        continue;
      }
      StringBuilder list = new StringBuilder();
      for (Binding binding : resolution.candidates()) {
        list.append("\n    ").append(describe(binding)).append(declaredIn(graph, binding));
      }
      out.add(
          Diagnostic.of(
              ErrorCode.DuplicateBinding,
              resolution.candidates().get(1).element(),
              ErrorCode.DuplicateBinding.describe(resolution.key(), list),
              TraceFormatter.trace(graph, resolution.key()),
              ErrorCode.DuplicateBinding.fix()));
    }
  }

  private static String describe(Binding binding) {
    return switch (binding.kind()) {
      case CONSTRUCTOR -> "@Daemon " + TraceFormatter.site(binding);
      case PROVIDES -> "@Provides " + TraceFormatter.site(binding);
      case ALIAS -> TraceFormatter.site(binding);
      case INJECTED ->
          "@Factory(injected = " + binding.key().displayName() + ".class) on "
              + binding.element().getSimpleName();
      case CREATOR -> "the creator of child factory " + binding.element().getSimpleName();
      case SIMULATOR -> "the simulator's binding of " + binding.key().displayName();
    };
  }

  /**
   * In a hierarchy, which factory declares a provides method: {@code " (in parent factory App)"};
   * empty for a root factory's graph or a binding that comes with its type.
   */
  private static String declaredIn(BindingGraph graph, Binding binding) {
    if (graph.parent() == null || binding.kind() != BindingKind.PROVIDES) {
      return "";
    }
    for (BindingGraph g = graph; g != null; g = g.parent()) {
      if (g.factory().providesMethods().contains(binding.executable())) {
        String role = g == graph ? "factory " : "ancestor factory ";
        return " (in " + role + g.factory().displayName() + ")";
      }
    }
    return "";
  }
}
