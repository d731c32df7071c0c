package io.steelmill.processor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Resolves a factory's graph in one mode, breadth-first from its entry points, so the first path
 * found to each key is a shortest one. Only what is reachable is resolved: a daemon nothing asks
 * for is neither validated as part of the graph nor generated.
 *
 * <p>A key resolves, in this order, to: the factory's own {@code @Provides} methods and {@code
 * injected} types; else the parent factory's binding; else its {@code @Daemon} class, or the
 * implementation its interface names for the mode (in simulation, for Steelmill's platform
 * interfaces, the simulator's {@link SimulatorModule}), or (when an interface named it) an
 * implementation class. Several candidates are a duplicate; none is a missing binding.
 */
public final class GraphBuilder {
  private final BindingReader reader;
  private final FactoryReader factories;
  private final SimulatorModule simulator;
  // each factory's provides methods by key, read once: a scan per key is quadratic in large graphs
  private final Map<FactoryDescriptor, Map<Key, List<ExecutableElement>>> provides =
      new IdentityHashMap<>();

  public GraphBuilder(BindingReader reader, FactoryReader factories, SimulatorModule simulator) {
    this.reader = reader;
    this.factories = factories;
    this.simulator = simulator;
  }

  public BindingGraph build(FactoryDescriptor factory, Mode mode, BindingGraph parent) {
    return build(factory, mode, parent, new HashSet<>());
  }

  /** {@code below}: the factories whose children are being resolved, against a parent cycle. */
  private BindingGraph build(
      FactoryDescriptor factory, Mode mode, BindingGraph parent, Set<String> below) {
    Map<Key, Resolution> resolutions = new LinkedHashMap<>();
    Map<Key, PathStep> paths = new LinkedHashMap<>();
    Set<String> implementations = new HashSet<>();
    ArrayDeque<Key> queue = new ArrayDeque<>();
    boolean undefined = false;
    for (EntryPoint entryPoint : factory.entryPoints()) {
      Key key = entryPoint.request().key();
      paths.putIfAbsent(key, new PathStep(entryPoint, null, entryPoint.request()));
      queue.add(key);
    }
    while (!queue.isEmpty()) {
      Key key = queue.poll();
      if (resolutions.containsKey(key)) {
        continue;
      }
      Resolution resolution = resolve(factory, mode, parent, key, implementations);
      undefined |= key.type().getKind() == TypeKind.ERROR && !isCreator(resolution);
      resolutions.put(key, resolution);
      for (Binding binding : resolution.candidates()) {
        if (binding.kind() == BindingKind.ALIAS) {
          implementations.add(binding.dependencies().get(0).key().typeName());
        }
        for (Dependency dependency : binding.dependencies()) {
          paths.putIfAbsent(dependency.key(), new PathStep(null, binding, dependency));
          queue.add(dependency.key());
        }
      }
    }
    Set<Key> ambient = parent == null ? ambientClosure(resolutions) : Set.of();
    BindingGraph graph =
        new BindingGraph(factory, mode, parent, resolutions, paths, ambient, undefined, Set.of());
    if (factory.children().isEmpty() || !below.add(factory.element().getQualifiedName().toString())) {
      return graph;
    }
    Set<Key> reach = new LinkedHashSet<>();
    for (TypeElement child : factory.children()) {
      BindingGraph childGraph = build(factories.read(child), mode, graph, below);
      undefined |= childGraph.hasUndefinedTypes();
      for (Resolution resolution : childGraph.resolutions().values()) {
        if (resolution.fromParent()) {
          reach.add(resolution.key());
          // a grandchild's key an ancestor holds: this factory passes it down from its parent
          if (!resolutions.containsKey(resolution.key())) {
            resolutions.put(resolution.key(), resolution);
            paths.putIfAbsent(resolution.key(), childGraph.paths().get(resolution.key()));
          }
        }
      }
    }
    return new BindingGraph(
        factory, mode, parent, resolutions, paths, ambient, undefined, java.util.Collections.unmodifiableSet(reach));
  }

  /**
   * Whether {@code parent} or one of its ancestors holds {@code key}: a child takes what any
   * ancestor's graph contains (the same instance), a parent that does not hold it itself passing
   * it down.
   */
  private static boolean resolvedAbove(BindingGraph parent, Key key) {
    for (BindingGraph graph = parent; graph != null; graph = graph.parent()) {
      if (graph.resolves(key)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCreator(Resolution resolution) {
    return resolution.candidates().size() == 1
        && resolution.candidates().get(0).kind() == BindingKind.CREATOR;
  }

  /**
   * The creator of a child factory of {@code factory}, if {@code key} names one: {@code
   * Steelmill<Child>.Creator}, possibly not generated yet (an error type spelled as written).
   */
  private List<Binding> creator(FactoryDescriptor factory, Key key) {
    if (key.isQualified() || !key.typeName().endsWith(".Creator")) {
      return List.of();
    }
    String owner = key.typeName().substring(0, key.typeName().length() - ".Creator".length());
    for (TypeElement child : factory.children()) {
      String generated = FactoryReader.generatedName(child);
      if (owner.equals(generated) || owner.endsWith("." + generated)) {
        return List.of(reader.creatorBinding(key, child));
      }
    }
    return List.of();
  }

  private Resolution resolve(
      FactoryDescriptor factory, Mode mode, BindingGraph parent, Key key, Set<String> impls) {
    List<Binding> local = new ArrayList<>(explicit(factory, mode, key));
    local.addAll(creator(factory, key));
    if (local.isEmpty() && parent != null && resolvedAbove(parent, key)) {
      return new Resolution(key, List.of(), true, List.of());
    }
    List<Binding> candidates = new ArrayList<>(local);
    candidates.addAll(implicit(mode, key, impls));
    List<Binding> other = List.of();
    if (candidates.isEmpty()) {
      other = new ArrayList<>(explicit(factory, mode.other(), key));
      other.addAll(implicit(mode.other(), key, impls));
    }
    return new Resolution(key, List.copyOf(candidates), false, other);
  }

  /** Bindings the factory declares: its provides methods and injected types. */
  private List<Binding> explicit(FactoryDescriptor factory, Mode mode, Key key) {
    List<Binding> found = new ArrayList<>();
    Map<Key, List<ExecutableElement>> byKey =
        provides.computeIfAbsent(factory, f -> providesByKey(f.providesMethods()));
    for (ExecutableElement method : byKey.getOrDefault(key, List.of())) {
      Binding binding = reader.providesBinding(method);
      if (binding.modes().contains(mode)) {
        found.add(binding);
      }
    }
    for (TypeMirror injected : factory.injected()) {
      if (reader.key(injected, null).equals(key)) {
        found.add(reader.injectedBinding(key, factory.element()));
      }
    }
    return found;
  }

  private Map<Key, List<ExecutableElement>> providesByKey(List<ExecutableElement> methods) {
    Map<Key, List<ExecutableElement>> byKey = new HashMap<>();
    for (ExecutableElement method : methods) {
      byKey.computeIfAbsent(reader.providesKey(method), k -> new ArrayList<>()).add(method);
    }
    return byKey;
  }

  /** Bindings that come with the key's type: a daemon class, an interface's implementation. */
  private List<Binding> implicit(Mode mode, Key key, Set<String> impls) {
    TypeElement type = Annotations.typeElement(key.type());
    if (type == null || key.isQualified()) {
      return List.of();
    }
    if (type.getKind() == ElementKind.INTERFACE) {
      if (mode == Mode.SIMULATION && SimulatorModule.suppliesSimulationOf(type)) {
        return simulator.bindings(key, type);
      }
      TypeMirror implementation =
          Annotations.classValue(Annotations.modeAnnotation(type, mode), "value");
      return implementation == null
          ? List.of()
          : List.of(reader.aliasBinding(key, type, implementation, mode));
    }
    if (Annotations.has(type, Annotations.DAEMON)) {
      Binding binding = reader.constructorBinding(key, type, false);
      return binding.modes().contains(mode) ? List.of(binding) : List.of();
    }
    if (impls.contains(key.typeName()) && type.getKind() == ElementKind.CLASS) {
      return List.of(reader.constructorBinding(key, type, true));
    }
    return List.of();
  }

  /**
   * The keys an ambient factory owns: each {@code @Ambient} daemon and the provides, alias and
   * injected bindings it reaches (an injected type an ambient daemon needs is injected into the
   * ambient factory). A per-node daemon it reaches is an error the validation reports.
   */
  private Set<Key> ambientClosure(Map<Key, Resolution> resolutions) {
    Set<Key> ambient = new LinkedHashSet<>();
    ArrayDeque<Key> queue = new ArrayDeque<>();
    for (Resolution resolution : resolutions.values()) {
      Binding binding = resolution.binding();
      if (binding != null && binding.ambient()) {
        queue.add(binding.key());
      }
    }
    while (!queue.isEmpty()) {
      Key key = queue.poll();
      Binding binding = resolutions.containsKey(key) ? resolutions.get(key).binding() : null;
      if (binding == null || !ambient.add(key)) {
        continue;
      }
      boolean perNode = binding.kind() == BindingKind.CONSTRUCTOR && !binding.ambient();
      if (perNode) {
        ambient.remove(key);
        continue;
      }
      for (Dependency dependency : binding.dependencies()) {
        queue.add(dependency.key());
      }
    }
    return ambient;
  }
}
