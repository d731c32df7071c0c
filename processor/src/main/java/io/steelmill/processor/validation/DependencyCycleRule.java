package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.PathStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loop of instance dependencies, which no construction order can satisfy. Provider edges do not
 * count: they defer construction. Each loop is reported once, on the binding the entry points
 * reach first, printing the loop and how it is requested.
 */
final class DependencyCycleRule implements GraphRule {
  private enum Color { GREY, BLACK }

  @Override
  public void check(BindingGraph graph, List<Diagnostic> out) {
    Map<Key, Color> colors = new HashMap<>();
    Set<Set<Key>> seen = new HashSet<>();
    for (Key key : graph.resolutions().keySet()) {
      visit(graph, key, colors, seen, out);
    }
  }

  /** A binding being visited, and the index of its next dependency. */
  private static final class Frame {
    final List<Dependency> dependencies;
    int next;

    Frame(List<Dependency> dependencies) {
      this.dependencies = dependencies;
    }
  }

  /**
   * Depth-first from {@code root} with an explicit stack, not recursion: a chain of thousands of
   * daemons must not overflow the compiler's thread stack.
   */
  private void visit(
      BindingGraph graph, Key root, Map<Key, Color> colors, Set<Set<Key>> seen,
      List<Diagnostic> out) {
    if (colors.containsKey(root)) {
      return; // visited from an earlier root (most are): no stacks to make
    }
    List<Dependency> path = new ArrayList<>();
    ArrayDeque<Frame> frames = new ArrayDeque<>();
    ArrayDeque<Key> keys = new ArrayDeque<>();
    if (!enter(graph, root, colors, frames, keys)) {
      return;
    }
    while (!frames.isEmpty()) {
      Frame frame = frames.peek();
      if (frame.next == frame.dependencies.size()) {
        colors.put(keys.pop(), Color.BLACK);
        frames.pop();
        if (!frames.isEmpty()) {
          path.remove(path.size() - 1);
        }
        continue;
      }
      Dependency dependency = frame.dependencies.get(frame.next++);
      if (dependency.isProvider() || colors.get(dependency.key()) == Color.BLACK) {
        continue;
      }
      path.add(dependency);
      if (colors.get(dependency.key()) == Color.GREY) {
        report(graph, dependency.key(), path, seen, out);
        path.remove(path.size() - 1);
      } else if (!enter(graph, dependency.key(), colors, frames, keys)) {
        path.remove(path.size() - 1);
      }
    }
  }

  /** Marks {@code key} in progress and pushes its frame; false when it has nothing to visit. */
  private static boolean enter(
      BindingGraph graph, Key key, Map<Key, Color> colors, ArrayDeque<Frame> frames,
      ArrayDeque<Key> keys) {
    if (colors.containsKey(key)) {
      return false;
    }
    Binding binding = binding(graph, key);
    if (binding == null) {
      colors.put(key, Color.BLACK);
      return false;
    }
    colors.put(key, Color.GREY);
    frames.push(new Frame(binding.dependencies()));
    keys.push(key);
    return true;
  }

  /** The most steps of a loop a message lists (the first ones and the three that close it). */
  private static final int MAX_SHOWN = 16;

  private void report(
      BindingGraph graph, Key start, List<Dependency> stack, Set<Set<Key>> seen, List<Diagnostic> out) {
    int end = stack.size() - 1; // the edge that closes the loop, back into start
    int begin = 0;
    for (int i = end - 1; i >= 0; i--) {
      if (stack.get(i).key().equals(start)) {
        begin = i + 1;
        break;
      }
    }
    List<Dependency> loop = List.copyOf(stack.subList(begin, end + 1));
    Set<Key> members = new HashSet<>();
    StringBuilder text = new StringBuilder();
    Key owner = start;
    for (int i = 0; i < loop.size(); i++) {
      Dependency edge = loop.get(i);
      members.add(owner);
      // a loop of thousands of daemons: its first steps and the closing ones, not a page each
      boolean shown = loop.size() <= MAX_SHOWN || i < MAX_SHOWN - 3 || i >= loop.size() - 3;
      if (shown) {
        Binding binding = binding(graph, owner);
        text.append("\n    ")
            .append(edge.key().displayName())
            .append(" is injected at\n        [")
            .append(TraceFormatter.factoryPath(graph))
            .append("] ")
            .append(TraceFormatter.site(binding));
      } else if (i == MAX_SHOWN - 3) {
        text.append("\n    ...and ").append(loop.size() - MAX_SHOWN).append(" more in the loop");
      }
      owner = edge.key();
    }
    if (!seen.add(members)) {
      return;
    }
    Binding first = binding(graph, start);
    Dependency closing = loop.get(loop.size() - 1);
    text.append("\n    ...\nThe cycle is requested via:\n");
    PathStep step = graph.paths().get(start);
    text.append(step == null ? "" : TraceFormatter.trace(graph, start));
    out.add(
        Diagnostic.of(
            ErrorCode.DependencyCycle,
            first.element(),
            ErrorCode.DependencyCycle.describe(text),
            "",
            ErrorCode.DependencyCycle.fix(closing.key(), closing.key())));
  }

  private static Binding binding(BindingGraph graph, Key key) {
    return graph.resolutions().containsKey(key) ? graph.resolutions().get(key).binding() : null;
  }
}
