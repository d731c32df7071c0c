package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.ClassBudget;
import java.util.List;

/**
 * A factory's generated class keeps an accessor per key of its graph, and a class file's constant
 * pool has room for about 12,000 of them: a graph past that is reported here, on the factory,
 * rather than by javac as "too many constants" in a file the user never wrote.
 */
final class FactorySizeRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    if (ClassBudget.fits(graph)) {
      return;
    }
    String factory = graph.factory().displayName();
    out.add(
        Diagnostic.of(
            ErrorCode.FactoryTooLarge,
            graph.factory().element(),
            ErrorCode.FactoryTooLarge.describe(
                factory,
                graph.resolutions().size(),
                graph.childReach().size(),
                graph.mode().toString(),
                ClassBudget.maxKeys()),
            "",
            ErrorCode.FactoryTooLarge.fix(factory)));
  }
}
