package io.steelmill.processor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph of one factory in one mode: every key reachable from its entry points with its
 * {@link Resolution}, the shortest path to each, and which keys the ambient factory owns.
 *
 * @param parent the parent factory's graph in the same mode, or null
 * @param ambientKeys keys of a root factory that live in its ambient factory
 * @param hasUndefinedTypes whether a reachable type is not defined yet (processing is deferred)
 * @param childReach the keys of this graph that its child factories take from it: the node
 *     builds them before it starts, so a child created at any time finds them ready
 */
public record BindingGraph(
    FactoryDescriptor factory,
    Mode mode,
    BindingGraph parent,
    Map<Key, Resolution> resolutions,
    Map<Key, PathStep> paths,
    Set<Key> ambientKeys,
    boolean hasUndefinedTypes,
    Set<Key> childReach) {

  /**
   * Whether this graph has a binding for {@code key} that a child factory can inject: one it
   * resolves itself or takes from its own parent. A child sees what its parent's graph contains.
   */
  public boolean resolves(Key key) {
    Resolution resolution = resolutions.get(key);
    return resolution != null && (resolution.fromParent() || !resolution.candidates().isEmpty());
  }

  /** The keys resolved here with exactly one local binding, in resolution order. */
  public List<Binding> localBindings() {
    List<Binding> bindings = new ArrayList<>();
    for (Resolution resolution : resolutions.values()) {
      if (resolution.binding() != null) {
        bindings.add(resolution.binding());
      }
    }
    return Collections.unmodifiableList(bindings);
  }

  /** The path from an entry point to {@code key}, entry point first. */
  public List<PathStep> pathTo(Key key) {
    List<PathStep> steps = new ArrayList<>();
    PathStep step = paths.get(key);
    while (step != null && steps.size() <= paths.size()) {
      steps.add(0, step);
      step = step.from() == null ? null : paths.get(step.from().key());
    }
    return steps;
  }
}
