package io.steelmill.processor;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.Annotations;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.FactoryDescriptor;
import io.steelmill.processor.model.FactoryReader;
import io.steelmill.processor.model.GraphBuilder;
import io.steelmill.processor.model.Mode;
import io.steelmill.processor.model.Resolution;
import io.steelmill.processor.model.SimulatorModule;
import io.steelmill.processor.validation.GraphRule;
import io.steelmill.processor.writing.FactoryWriter;
import io.steelmill.processor.writing.SimHarnessWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

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
  private final GeneratedFiles files;
  private boolean simulatorReported;
  private final RuntimeOnClassPath runtime;
  private final SupertypesOnClassPath supertypes;
  private final SourceAnchor anchor;
  private final ApartChildren apart;
  /**
   * This round's graphs, by factory name and mode: a child's graph holds its parent's, which the
   * parent's own step built already (1,000 bindings in the benchmark graph). Elements are
   * re-read per round, so the graphs are too.
   */
  private final Map<String, Map<Mode, BindingGraph>> graphs = new HashMap<>();
  /** What the graph rules found on each of this round's graphs (a parent's are asked again). */
  private final Map<BindingGraph, List<Diagnostic>> findings = new IdentityHashMap<>();

  FactoryStep(
      FactoryReader reader,
      GraphBuilder builder,
      Diagnostics diagnostics,
      Filer filer,
      Elements elements) {
    this.reader = reader;
    this.builder = builder;
    this.diagnostics = diagnostics;
    this.files = new GeneratedFiles(filer, elements, diagnostics);
    this.runtime = new RuntimeOnClassPath(elements, diagnostics);
    this.supertypes = new SupertypesOnClassPath(elements, diagnostics);
    this.anchor = new SourceAnchor(elements);
    this.apart = new ApartChildren(elements, anchor, diagnostics);
  }

  /** Forgets the graphs of the round before: they hold that round's elements. */
  void newRound() {
    graphs.clear();
    findings.clear();
  }

  /**
   * Validates {@code factory} and writes it, or defers it while a type it reaches is undefined
   * (another processor may generate it in a later round). Nothing is written when any rule fails
   * on its graph or an ancestor's, or when an error was reported on any element the graph uses,
   * in this round or an earlier one: the writer only ever sees complete bindings.
   *
   * @param active the mode to generate, or null to validate only (an option was wrong)
   */
  Outcome process(TypeElement factory, Mode active) {
    if (ApartChildren.declarationUndefined(factory, new HashSet<>())) {
      return Outcome.DEFERRED;
    }
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
      List<Diagnostic> found = findings(entry.getValue());
      for (Diagnostic finding : found) {
        if (finding.code() == ErrorCode.MissingBinding && finding.element() != null
            && diagnostics.hasErrorOn(finding.element())) {
          // the injection site was reported already (a wildcard or a type variable in its type,
          // two qualifiers): "add a @Provides method returning List<?>" would be a second error
          // whose fix the first one forbids
          continue;
        }
        Diagnostic diagnostic = anchor.anchored(finding, entry.getValue());
        if (ELEMENT_CODES.contains(diagnostic.code())) {
          diagnostics.add(diagnostic);
        } else {
          diagnostics.add(diagnostic, entry.getKey());
        }
      }
      failed |= !found.isEmpty() || ancestorFails(entry.getValue());
    }
    diagnostics.flush();
    for (BindingGraph graph : graphs.values()) {
      failed |= usesElementWithError(graph);
    }
    for (Map.Entry<Mode, BindingGraph> entry : graphs.entrySet()) {
      Outcome created =
          createdChildren(entry.getValue(), entry.getKey(), active, new HashSet<>());
      if (created == Outcome.DEFERRED) {
        return Outcome.DEFERRED;
      }
      failed |= created == Outcome.FAILED;
    }
    for (BindingGraph graph : graphs.values()) {
      failed |= apart.parentCompiledApart(factory, graph);
    }
    if (!failed && active == Mode.SIMULATION) {
      failed = simulatorMissing(factory, graphs.get(active));
    }
    if (failed || active == null) {
      return Outcome.FAILED;
    }
    BindingGraph graph = graphs.get(active);
    if (runtime.missing(factory, active == Mode.SIMULATION && graph.parent() == null)) {
      return Outcome.FAILED;
    }
    switch (supertypes.check(graph)) {
      case MISSING -> {
        return Outcome.FAILED;
      }
      case LATER -> {
        return Outcome.DEFERRED;
      }
      default -> {}
    }
    String name = graph.factory().generatedName();
    if (!files.write(factory, name, () -> new FactoryWriter(graph).write())) {
      return Outcome.FAILED;
    }
    apart.written(factory, graph);
    files.writePictures(factory, graphs);
    if (active == Mode.SIMULATION && graph.parent() == null) {
      String harness = graph.factory().generatedName() + "Sim";
      if (!files.write(factory, harness, () -> new SimHarnessWriter(graph).write())) {
        return Outcome.FAILED;
      }
    }
    return Outcome.WRITTEN;
  }

  /**
   * Whether the simulation graph needs a platform binding of the absent simulator. Reported once
   * per compilation, on the first factory that needs it: one missing dependency is one error,
   * however many factories and interfaces it breaks.
   */
  private boolean simulatorMissing(TypeElement factory, BindingGraph graph) {
    for (BindingGraph g = graph; g != null; g = g.parent()) {
      for (Resolution resolution : g.resolutions().values()) {
        Binding binding = resolution.binding();
        if (binding == null || binding.kind() != BindingKind.SIMULATOR) {
          continue;
        }
        if (!simulatorReported) {
          simulatorReported = true;
          String name = factory.getSimpleName().toString();
          String key = resolution.key().displayName();
          diagnostics.error(
              Diagnostic.of(
                      ErrorCode.SimulatorMissing,
                      factory,
                      ErrorCode.SimulatorMissing.describe(
                          name, key, SimulatorModule.ARTIFACT, SimulatorModule.NAME),
                      TraceFormatter.trace(g, resolution.key()),
                      ErrorCode.SimulatorMissing.fix(SimulatorModule.ARTIFACT))
                  .text(),
              factory);
        }
        return true;
      }
    }
    return false;
  }

  /** Codes about one element, not one mode: reported once, without a mode prefix. */
  private static final Set<ErrorCode> ELEMENT_CODES =
      Set.of(
          ErrorCode.DaemonNotConstructible,
          ErrorCode.AmbiguousConstructor,
          ErrorCode.NoUsableConstructor,
          ErrorCode.InjectWithoutEffect,
          ErrorCode.BothModes,
          ErrorCode.ModeWithoutEffect);

  /**
   * Whether a parent's graph breaks a rule: the parent reports it itself; its child is not
   * written, since it would call the parent's generated class, which is not written either.
   */
  private boolean ancestorFails(BindingGraph graph) {
    for (BindingGraph g = graph.parent(); g != null; g = g.parent()) {
      if (!findings(g).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the children whose creators {@code graph} injects (and theirs, down) can be written:
   * the generated factory names each one's generated class ({@code SteelmillLease.Creator}), so
   * a parent is not written when a child it creates is not (its graph breaks a rule, or uses an
   * element with an error, or its class cannot be written; the child reports why), and waits
   * while a child's graph waits.
   *
   * @return WRITTEN when every created child can be written, else FAILED or DEFERRED
   */
  private Outcome createdChildren(
      BindingGraph graph, Mode mode, Mode active, Set<TypeElement> seen) {
    for (Resolution resolution : graph.resolutions().values()) {
      for (Binding binding : resolution.candidates()) {
        if (binding.kind() != BindingKind.CREATOR
            || !(binding.element() instanceof TypeElement child) || !seen.add(child)) {
          continue;
        }
        BindingGraph created = graph(child, mode, new LinkedHashSet<>());
        if (created == null || !findings(created).isEmpty() || usesElementWithError(created)) {
          return Outcome.FAILED;
        }
        if (hasUndefined(created)) {
          return Outcome.DEFERRED;
        }
        // the child's class may fail to be written though its graph is sound (its name taken by
        // a class of the user's, a name it must write hidden): the child reports that itself
        if (mode == active && !files.writable(child, created.factory().generatedName(),
            () -> new FactoryWriter(created).write())) {
          return Outcome.FAILED;
        }
        Outcome below = createdChildren(created, mode, active, seen);
        if (below != Outcome.WRITTEN) {
          return below;
        }
      }
    }
    return Outcome.WRITTEN;
  }

  /** What every graph rule finds on {@code graph}, checked once per graph. */
  private List<Diagnostic> findings(BindingGraph graph) {
    List<Diagnostic> found = findings.get(graph);
    if (found == null) {
      found = new ArrayList<>();
      for (GraphRule rule : GraphRule.all()) {
        rule.check(graph, found);
      }
      findings.put(graph, found);
    }
    return found;
  }

  /** Whether an error was reported on a factory, entry point or binding of the graph's chain. */
  private boolean usesElementWithError(BindingGraph graph) {
    for (BindingGraph g = graph; g != null; g = g.parent()) {
      List<TypeElement> declaring = new ArrayList<>(g.factory().modules());
      declaring.add(g.factory().element());
      for (TypeElement type : declaring) {
        if (hasErrorInside(type)) {
          return true;
        }
      }
      for (EntryPoint entryPoint : g.factory().entryPoints()) {
        if (diagnostics.hasErrorOn(entryPoint.method())) {
          return true;
        }
      }
      for (Resolution resolution : g.resolutions().values()) {
        for (Binding binding : resolution.candidates()) {
          if (diagnostics.hasErrorOn(binding.element())) {
            return true;
          }
          for (Dependency dependency : binding.dependencies()) {
            if (diagnostics.hasErrorOn(dependency.site())) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Whether an error is on {@code type}, one of its methods, or one of their parameters. */
  private boolean hasErrorInside(TypeElement type) {
    if (diagnostics.hasErrorOn(type)) {
      return true;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (diagnostics.hasErrorOn(method)) {
        return true;
      }
      for (VariableElement parameter : method.getParameters()) {
        if (diagnostics.hasErrorOn(parameter)) {
          return true;
        }
      }
    }
    return false;
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
    String name = factory.getQualifiedName().toString();
    BindingGraph built = graphs.getOrDefault(name, Map.of()).get(mode);
    if (built != null) {
      return built;
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
    built = builder.build(descriptor, mode, parent);
    graphs.computeIfAbsent(name, unused -> new EnumMap<>(Mode.class)).put(mode, built);
    return built;
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
