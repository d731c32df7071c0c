package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.AccessorNames;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.Key;
import java.util.List;

/**
 * An entry point named like a binding accessor of the generated class ({@code getDisk()}) must
 * be that accessor: same key, no provider. Anything else would not compile.
 */
final class EntryPointClashRule implements GraphRule {
  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    AccessorNames names = AccessorNames.of(graph);
    for (EntryPoint entryPoint : graph.factory().entryPoints()) {
      Key key = names.keyOfAccessor(entryPoint.name());
      if (key == null) {
        continue;
      }
      boolean same = key.equals(entryPoint.request().key()) && !entryPoint.request().isProvider();
      if (!same) {
        out.add(
            Diagnostic.of(
                ErrorCode.EntryPointNameClash,
                entryPoint.method(),
                ErrorCode.EntryPointNameClash.describe(
                    entryPoint.name() + "()", "the accessor for " + key.displayName()),
                "",
                ErrorCode.EntryPointNameClash.fix()));
      }
    }
  }
}
