package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.FactoryDescriptor;
import java.util.List;

/**
 * A child factory lives in its parent's package. The parent's generated factory builds and
 * prepares, before it seals, every binding its children can reach, so that a child created at
 * any time works; it finds its children by looking in its own package.
 */
final class ChildPackageRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    if (graph.parent() == null) {
      return;
    }
    FactoryDescriptor child = graph.factory();
    FactoryDescriptor parent = graph.parent().factory();
    if (child.packageName().equals(parent.packageName())) {
      return;
    }
    out.add(
        Diagnostic.of(
            ErrorCode.ChildOutsidePackage,
            child.element(),
            ErrorCode.ChildOutsidePackage.describe(
                child.displayName(),
                child.packageName(),
                parent.displayName(),
                parent.packageName()),
            "",
            ErrorCode.ChildOutsidePackage.fix(
                child.displayName(), parent.packageName(), parent.displayName())));
  }
}
