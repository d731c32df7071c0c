package io.steelmill.processor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

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
 *
 * <p>The hierarchy. A child factory sees every binding of its ancestors, the same instances:
 *
 * <ul>
 *   <li>what an ancestor's graph contains;
 *   <li>what an ancestor declares ({@code @Provides} in it or its modules, {@code injected}) even
 *       when nothing in that ancestor's own graph asks for it: the nearest declaring ancestor's
 *       graph then includes the key, with its dependencies resolved there, because a descendant
 *       needs it (the trace of an error about it starts at the descendant's injecting line);
 *   <li>an {@code @Ambient} daemon: the ambient factory at the root owns it.
 * </ul>
 *
 * <p>This is a fixpoint: a parent resolves its own entry points, then its children's graphs
 * against it, takes in what they need and it declares, and resolves its children again until
 * nothing new is needed. The keys its children take from it are its {@link
 * BindingGraph#childReach()}: its node builds and prepares them before it seals, so a child
 * created at any time finds each one; every child shares that one instance. A {@code @Daemon}
 * class a child needs that no ancestor's graph contains (and that is not {@code @Ambient}) is the
 * child's own: one instance per child node, which is what lease- and plugin-scoped children
 * want. A factory that binds a key an ancestor binds too (by {@code @Provides} or {@code
 * injected}) does not replace it: both are candidates, a duplicate, as in Dagger and Guice.
 */
public final class GraphBuilder {
  private final FactoryReader factories;
  private final BindingSources sources;

  public GraphBuilder(BindingReader reader, FactoryReader factories, SimulatorModule simulator) {
    this.factories = factories;
    this.sources = new BindingSources(reader, simulator);
  }

  public BindingGraph build(FactoryDescriptor factory, Mode mode, BindingGraph parent) {
    return build(factory, mode, parent, new Context());
  }

  /**
   * One top-level build: {@code below} holds the factories whose children are being resolved,
   * against a parent cycle; {@code children} the child graphs each graph was finished with.
   */
  private static final class Context {
    final Set<String> below = new HashSet<>();
    final Map<BindingGraph, List<BindingGraph>> children = new IdentityHashMap<>();
  }

  private BindingGraph build(
      FactoryDescriptor factory, Mode mode, BindingGraph parent, Context context) {
    Walk walk = new Walk(factory, mode, parent);
    for (EntryPoint entryPoint : factory.entryPoints()) {
      walk.request(entryPoint.request().key(), new PathStep(entryPoint, null, entryPoint.request()));
    }
    walk.drain();
    String name = factory.element().getQualifiedName().toString();
    if (factory.children().isEmpty() || !context.below.add(name)) {
      return walk.graph(Set.of(), Map.of());
    }
    try {
      List<FactoryDescriptor> children = new ArrayList<>();
      for (TypeElement child : factory.children()) {
        children.add(factories.read(child));
      }
      List<BindingGraph> childGraphs = List.of();
      Set<Key> added = Set.of();
      // each round adds a key to this graph, so it ends: there are finitely many keys
      while (true) {
        BindingGraph graph = walk.graph(Set.of(), Map.of());
        List<BindingGraph> next = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
          next.add(
              childGraphs.isEmpty() || holdsAny(childGraphs.get(i), added, context)
                  ? build(children.get(i), mode, graph, context)
                  : childGraphs.get(i));
        }
        childGraphs = next;
        added = walk.takeIn(childGraphs);
        if (added.isEmpty()) {
          BindingGraph finished = walk.finish(childGraphs);
          context.children.put(finished, childGraphs);
          return finished;
        }
      }
    } finally {
      context.below.remove(name);
    }
  }

  /**
   * Whether {@code graph} or a graph below it resolves one of {@code keys} itself. Only then
   * does a child graph change when its parent takes {@code keys} in: a key it took from above
   * still comes from above. So a chain of factories that each take in what their descendants
   * need is resolved in linear, not exponential, time.
   */
  private static boolean holdsAny(BindingGraph graph, Set<Key> keys, Context context) {
    for (Key key : keys) {
      Resolution resolution = graph.resolutions().get(key);
      if (resolution != null && !resolution.fromParent()) {
        return true;
      }
    }
    for (BindingGraph child : context.children.getOrDefault(graph, List.of())) {
      if (holdsAny(child, keys, context)) {
        return true;
      }
    }
    return false;
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

  private static boolean isCreator(List<Binding> bindings) {
    return bindings.size() == 1 && bindings.get(0).kind() == BindingKind.CREATOR;
  }

  /**
   * Whether {@code key} is an interface whose {@code @Production(Impl.class)} or
   * {@code @Simulation(Impl.class)} names a class not defined yet: another processor may generate
   * it in a later round, so the graph waits for it instead of finding no binding.
   */
  private static boolean implementationUndefined(Key key) {
    javax.lang.model.element.TypeElement type = Annotations.typeElement(key.type());
    if (type == null || type.getKind() != javax.lang.model.element.ElementKind.INTERFACE) {
      return false;
    }
    for (Mode mode : Mode.values()) {
      if (Annotations.hasUndefinedClassValue(Annotations.modeAnnotation(type, mode))) {
        return true;
      }
    }
    return false;
  }

  /** The breadth-first resolution of one factory's graph, and what its children add to it. */
  private final class Walk {
    private final FactoryDescriptor factory;
    private final Mode mode;
    private final BindingGraph parent;
    private final Map<Key, Resolution> resolutions = new LinkedHashMap<>();
    private final Map<Key, PathStep> paths = new LinkedHashMap<>();
    private final Set<String> implementations = new HashSet<>();
    private final ArrayDeque<Key> queue = new ArrayDeque<>();
    private boolean undefined;

    Walk(FactoryDescriptor factory, Mode mode, BindingGraph parent) {
      this.factory = factory;
      this.mode = mode;
      this.parent = parent;
    }

    void request(Key key, PathStep step) {
      paths.putIfAbsent(key, step);
      queue.add(key);
    }

    void drain() {
      while (!queue.isEmpty()) {
        Key key = queue.poll();
        if (resolutions.containsKey(key)) {
          continue;
        }
        Resolution resolution = resolve(key);
        undefined |=
            key.type().getKind() == TypeKind.ERROR
                && !isCreator(resolution.candidates())
                && !key.namesCreator();
        undefined |= implementationUndefined(key);
        resolutions.put(key, resolution);
        for (Binding binding : resolution.candidates()) {
          if (binding.kind() == BindingKind.ALIAS) {
            implementations.add(binding.dependencies().get(0).key().typeName());
          }
          for (Dependency dependency : binding.dependencies()) {
            request(dependency.key(), new PathStep(null, binding, dependency));
          }
        }
      }
    }

    /**
     * Resolves here what the children need from above that this factory declares (or, at the
     * root, whatever they need from above: an {@code @Ambient} daemon). Returns the keys added
     * (with their dependencies), which children resolving them themselves must be resolved
     * again against.
     */
    Set<Key> takeIn(List<BindingGraph> childGraphs) {
      Set<Key> before = new HashSet<>(resolutions.keySet());
      for (BindingGraph child : childGraphs) {
        undefined |= child.hasUndefinedTypes();
        for (Resolution resolution : child.resolutions().values()) {
          Key key = resolution.key();
          if (!resolution.fromParent() || resolutions.containsKey(key)) {
            continue;
          }
          if (parent == null || !sources.explicit(factory, mode, key).isEmpty()) {
            request(key, child.paths().get(key));
          }
        }
      }
      drain();
      Set<Key> added = new LinkedHashSet<>(resolutions.keySet());
      added.removeAll(before);
      return added;
    }

    /**
     * The final graph: every key a child takes from above is in it, resolved here or passed down
     * from this factory's own parent. The paths are found again, breadth-first from this
     * factory's entry points and then from what the children need (traced on through the first
     * child that needs it): a key taken in for a child in an earlier round may since be reached
     * otherwise, and a path must never loop.
     */
    BindingGraph finish(List<BindingGraph> childGraphs) {
      Set<Key> reach = new LinkedHashSet<>();
      Map<Key, BindingGraph> demanded = new LinkedHashMap<>();
      Map<Key, PathStep> found = new LinkedHashMap<>();
      ArrayDeque<Key> next = new ArrayDeque<>();
      for (EntryPoint entryPoint : factory.entryPoints()) {
        Key key = entryPoint.request().key();
        found.putIfAbsent(key, new PathStep(entryPoint, null, entryPoint.request()));
        next.add(key);
      }
      retrace(found, next);
      for (BindingGraph child : childGraphs) {
        for (Resolution resolution : child.resolutions().values()) {
          if (!resolution.fromParent()) {
            continue;
          }
          Key key = resolution.key();
          reach.add(key);
          if (!resolutions.containsKey(key)) {
            // a descendant's key an ancestor holds or declares: this factory passes it down
            resolutions.put(key, new Resolution(key, List.of(), true, List.of()));
          }
          if (!found.containsKey(key)) {
            found.put(key, child.paths().get(key));
            demanded.put(key, child);
            next.add(key);
          }
        }
      }
      retrace(found, next);
      for (Map.Entry<Key, PathStep> old : paths.entrySet()) {
        found.putIfAbsent(old.getKey(), old.getValue());
      }
      paths.clear();
      paths.putAll(found);
      return graph(Collections.unmodifiableSet(reach), Collections.unmodifiableMap(demanded));
    }

    /** Breadth-first over the resolved bindings from {@code next}, recording first paths. */
    private void retrace(Map<Key, PathStep> found, ArrayDeque<Key> next) {
      Set<Key> done = new HashSet<>();
      while (!next.isEmpty()) {
        Key key = next.poll();
        Resolution resolution = resolutions.get(key);
        if (resolution == null || !done.add(key)) {
          continue;
        }
        for (Binding binding : resolution.candidates()) {
          for (Dependency dependency : binding.dependencies()) {
            if (!found.containsKey(dependency.key())) {
              found.put(dependency.key(), new PathStep(null, binding, dependency));
              next.add(dependency.key());
            }
          }
        }
      }
    }

    BindingGraph graph(Set<Key> reach, Map<Key, BindingGraph> demanded) {
      Set<Key> ambient = parent == null ? AmbientKeys.of(resolutions) : Set.of();
      return new BindingGraph(
          factory, mode, parent, resolutions, paths, ambient, undefined, reach, demanded);
    }

    private Resolution resolve(Key key) {
      List<Binding> local = new ArrayList<>(sources.explicit(factory, mode, key));
      local.addAll(sources.creator(factory, key));
      List<Binding> candidates = new ArrayList<>();
      if (parent != null && local.isEmpty()) {
        if (resolvedAbove(parent, key)
            || !sources.declaredAbove(parent, mode, key).isEmpty()
            || BindingSources.isAmbientDaemon(mode, key)) {
          return new Resolution(key, List.of(), true, List.of());
        }
      } else if (parent != null && !isCreator(local)) {
        // a binding of a key an ancestor binds too: listed with the ancestors', a duplicate
        candidates.addAll(sources.ancestors(parent, mode, key));
      }
      candidates.addAll(local);
      addNew(candidates, sources.implicit(mode, key, implementations));
      List<Binding> other = List.of();
      if (candidates.isEmpty()) {
        other = new ArrayList<>(sources.explicit(factory, mode.other(), key));
        other.addAll(sources.implicit(mode.other(), key, implementations));
        if (parent != null) {
          other.addAll(sources.declaredAbove(parent, mode.other(), key));
        }
      }
      return new Resolution(key, List.copyOf(candidates), false, other);
    }
  }

  /** Adds each of {@code more} whose element none of {@code into} has: a daemon once. */
  private static void addNew(List<Binding> into, List<Binding> more) {
    for (Binding binding : more) {
      boolean known = false;
      for (Binding existing : into) {
        Element element = existing.element();
        known |= element.equals(binding.element()) && existing.kind() == binding.kind();
      }
      if (!known) {
        into.add(binding);
      }
    }
  }
}
