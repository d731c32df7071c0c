package io.steelmill.processor;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.Annotations;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.FactoryDescriptor;
import io.steelmill.processor.model.FactoryReader;
import io.steelmill.processor.model.GraphBuilder;
import io.steelmill.processor.model.Mode;
import io.steelmill.processor.validation.GraphRule;
import io.steelmill.processor.writing.FactoryWriter;
import io.steelmill.processor.writing.GraphPictureWriter;
import io.steelmill.processor.writing.SimHarnessWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;

/**
 * Takes one valid {@code @Factory} interface through the pipeline: resolve its graph in both
 * modes (and its parent's, recursively), run every graph rule on each, report, and write the
 * active mode's factory when no rule failed.
 */
final class FactoryStep {
  /** What became of one factory in this round. */
  enum Outcome {
    WRITTEN,
    FAILED,
    DEFERRED
  }

  private final FactoryReader reader;
  private final GraphBuilder builder;
  private final Diagnostics diagnostics;
  private final Filer filer;

  FactoryStep(FactoryReader reader, GraphBuilder builder, Diagnostics diagnostics, Filer filer) {
    this.reader = reader;
    this.builder = builder;
    this.diagnostics = diagnostics;
    this.filer = filer;
  }

  /**
   * Validates {@code factory} and writes it, or defers it while a type it reaches is undefined
   * (another processor may generate it in a later round).
   *
   * @param active the mode to generate, or null to validate only (an unknown mode was given)
   */
  Outcome process(TypeElement factory, Mode active) throws IOException {
    Map<Mode, BindingGraph> graphs = new EnumMap<>(Mode.class);
    for (Mode mode : Mode.values()) {
      BindingGraph graph = graph(factory, mode, new LinkedHashSet<>());
      if (graph == null) {
        return Outcome.FAILED;
      }
      if (hasUndefined(graph)) {
        return Outcome.DEFERRED;
      }
      graphs.put(mode, graph);
    }
    boolean failed = false;
    for (Map.Entry<Mode, BindingGraph> entry : graphs.entrySet()) {
      List<Diagnostic> found = new ArrayList<>();
      for (GraphRule rule : GraphRule.all()) {
        rule.check(entry.getValue(), found);
      }
      for (Diagnostic diagnostic : found) {
        diagnostics.add(diagnostic, entry.getKey());
      }
      failed |= !found.isEmpty();
    }
    diagnostics.flush();
    if (failed || active == null) {
      return Outcome.FAILED;
    }
    BindingGraph graph = graphs.get(active);
    new FactoryWriter(graph).write().writeTo(filer);
    new GraphPictureWriter(graphs).writeTo(filer);
    if (active == Mode.SIMULATION && graph.parent() == null) {
      new SimHarnessWriter(graph).write().writeTo(filer);
    }
    return Outcome.WRITTEN;
  }

  /** The graph of {@code factory} with its ancestors'; null after reporting a parent cycle. */
  private BindingGraph graph(TypeElement factory, Mode mode, Set<TypeElement> chain) {
    if (!chain.add(factory)) {
      String name = factory.getSimpleName().toString();
      diagnostics.error(
          Diagnostic.of(
                  ErrorCode.ParentNotFactory,
                  factory,
                  ErrorCode.ParentNotFactory.describe(name + ".class", name + " (a parent cycle)"),
                  "",
                  ErrorCode.ParentNotFactory.fix())
              .text(),
          factory);
      return null;
    }
    FactoryDescriptor descriptor = reader.read(factory);
    BindingGraph parent = null;
    if (descriptor.parent() != null
        && Annotations.has(descriptor.parent(), Annotations.FACTORY)) {
      parent = graph(descriptor.parent(), mode, chain);
      if (parent == null) {
        return null;
      }
    }
    return builder.build(descriptor, mode, parent);
  }

  private static boolean hasUndefined(BindingGraph graph) {
    for (BindingGraph g = graph; g != null; g = g.parent()) {
      if (g.hasUndefinedTypes()) {
        return true;
      }
    }
    return false;
  }
}
