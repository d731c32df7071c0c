package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.model.BindingGraph;
import java.util.List;

/** One rule over a resolved graph; adds a diagnostic per violation. */
public interface GraphRule {
  void check(BindingGraph graph, List<Diagnostic> out);

  /** Every rule, in the order their messages are best read. */
  static List<GraphRule> all() {
    return List.of(
        new ConstructibleRule(),
        new ClassPathAnnotationsRule(),
        new MissingBindingRule(),
        new DuplicateBindingRule(),
        new DependencyCycleRule(),
        new AmbientScopeRule(),
        new VisibilityRule(),
        new EntryPointClashRule(),
        new ChildPackageRule(),
        new FactorySizeRule());
  }
}
