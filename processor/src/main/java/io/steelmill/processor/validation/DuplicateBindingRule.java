package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.Resolution;
import java.util.List;

/** A key with several bindings; reported on the second one, listing all of them. */
final class DuplicateBindingRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    for (Resolution resolution : graph.resolutions().values()) {
      if (resolution.candidates().size() < 2) {
        continue;
      }
      StringBuilder list = new StringBuilder();
      for (Binding binding : resolution.candidates()) {
        list.append("\n    ").append(describe(binding));
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
      case INJECTED -> "@Factory(injected = " + binding.key().displayName() + ".class)";
      case CREATOR -> "the creator of child factory " + binding.element().getSimpleName();
      case SIMULATOR -> "the simulator's binding of " + binding.key().displayName();
    };
  }
}
