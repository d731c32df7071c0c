package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.Resolution;
import java.util.ArrayList;
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
      List<Binding> before = new ArrayList<>();
      for (Binding binding : resolution.candidates()) {
        int seen = (int) before.stream().filter(binding::equals).count();
        list.append("\n    ").append(describe(binding)).append(declaredIn(graph, binding, seen));
        before.add(binding);
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
   * empty for a root factory's graph or a binding that comes with its type. A method two
   * factories of the hierarchy both list (one module in a parent's and a child's {@code
   * modules}) is a candidate once per factory, the ancestor's first: its {@code seen}-th
   * occurrence is named by the {@code seen}-th factory listing it, from the root down, so the
   * list does not name the child twice.
   */
  private static String declaredIn(BindingGraph graph, Binding binding, int seen) {
    if (graph.parent() == null || binding.kind() != BindingKind.PROVIDES) {
      return "";
    }
    List<BindingGraph> declaring = new ArrayList<>();
    for (BindingGraph g = graph; g != null; g = g.parent()) {
      if (g.factory().providesMethods().contains(binding.executable())) {
        declaring.add(0, g);
      }
    }
    if (declaring.isEmpty()) {
      return "";
    }
    BindingGraph g = declaring.get(Math.min(seen, declaring.size() - 1));
    String role = g == graph ? "factory " : "ancestor factory ";
    return " (in " + role + g.factory().displayName() + ")";
  }
}
