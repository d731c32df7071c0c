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
 * @param demandedBy the keys this graph holds only because a descendant needs them, each with
 *     the child graph whose path leads to it: a trace through such a key goes on in that child
 */
public record BindingGraph(
    FactoryDescriptor factory,
    Mode mode,
    BindingGraph parent,
    Map<Key, Resolution> resolutions,
    Map<Key, PathStep> paths,
    Set<Key> ambientKeys,
    boolean hasUndefinedTypes,
    Set<Key> childReach,
    Map<Key, BindingGraph> demandedBy) {

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

  /**
   * The path from an entry point to {@code key}, entry point first, each step with the graph it
   * belongs to: a key this graph holds for a child is traced on through that child, to the
   * child's entry point.
   */
  public List<TracedStep> pathTo(Key key) {
    List<TracedStep> steps = new ArrayList<>();
    BindingGraph graph = this;
    Key next = key;
    int bound = paths.size(); // a path visits each key of a graph at most once
    while (next != null && steps.size() <= bound) {
      BindingGraph below = graph.demandedBy.get(next);
      if (below != null) {
        graph = below;
        bound += below.paths.size();
        continue;
      }
      PathStep step = graph.paths.get(next);
      if (step == null) {
        break;
      }
      steps.add(0, new TracedStep(graph, step));
      next = step.from() == null ? null : step.from().key();
    }
    return steps;
  }

  /** One step of a path and the graph whose factory it belongs to. */
  public record TracedStep(BindingGraph graph, PathStep step) {}
}
