package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.PathStep;
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
      visit(graph, key, colors, new ArrayList<>(), seen, out);
    }
  }

  private void visit(
      BindingGraph graph,
      Key key,
      Map<Key, Color> colors,
      List<Dependency> stack,
      Set<Set<Key>> seen,
      List<Diagnostic> out) {
    if (colors.get(key) == Color.BLACK) {
      return;
    }
    if (colors.get(key) == Color.GREY) {
      report(graph, key, stack, seen, out);
      return;
    }
    Binding binding = binding(graph, key);
    if (binding == null) {
      colors.put(key, Color.BLACK);
      return;
    }
    colors.put(key, Color.GREY);
    for (Dependency dependency : binding.dependencies()) {
      if (!dependency.isProvider()) {
        stack.add(dependency);
        visit(graph, dependency.key(), colors, stack, seen, out);
        stack.remove(stack.size() - 1);
      }
    }
    colors.put(key, Color.BLACK);
  }

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
    for (Dependency edge : loop) {
      members.add(owner);
      Binding binding = binding(graph, owner);
      text.append("\n    ")
          .append(edge.key().displayName())
          .append(" is injected at\n        [")
          .append(TraceFormatter.factoryPath(graph))
          .append("] ")
          .append(TraceFormatter.site(binding));
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
