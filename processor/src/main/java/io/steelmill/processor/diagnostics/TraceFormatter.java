package io.steelmill.processor.diagnostics;

import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.PathStep;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * Writes dependency traces: the shortest path from an entry point to a key, innermost first,
 * each line saying where a key is injected or requested, with the factory path in brackets.
 *
 * <pre>
 *     Database is injected at
 *         [HelloFactory] Store(Database database)
 *     Store is requested at
 *         [HelloFactory] HelloFactory.store()
 * </pre>
 */
public final class TraceFormatter {
  private static final int MAX_STEPS = 8;

  private TraceFormatter() {}

  /**
   * The trace from an entry point to {@code key}: of {@code graph}, or of the descendant that
   * needs the key when {@code graph} holds it for a child.
   */
  public static String trace(BindingGraph graph, Key key) {
    List<BindingGraph.TracedStep> steps = graph.pathTo(key);
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (shown == MAX_STEPS) {
        out.append("\n    ...and ").append(i + 1).append(" more not shown");
        break;
      }
      if (shown > 0) {
        out.append('\n');
      }
      out.append(step(steps.get(i).graph(), steps.get(i).step()));
      shown++;
    }
    return out.toString();
  }

  /** One step: {@code Key is injected at / [Factory] Site(...)}. */
  public static String step(BindingGraph graph, PathStep step) {
    Dependency dependency = step.dependency();
    String verb = step.from() == null ? " is requested at" : " is injected at";
    String site =
        step.from() == null
            ? graph.factory().displayName() + "." + step.entryPoint().name() + "()"
            : site(step.from());
    return "    " + name(dependency) + verb + "\n        [" + factoryPath(graph) + "] " + site;
  }

  /** Where a binding takes its dependencies: {@code Store(Database database)}. */
  public static String site(Binding binding) {
    if (binding.kind() == BindingKind.ALIAS) {
      return binding.key().displayName()
          + " bound to "
          + binding.dependencies().get(0).key().displayName()
          + " by @"
          + binding.modes().iterator().next().annotationName();
    }
    ExecutableElement executable = binding.executable();
    if (executable == null) {
      return binding.key().displayName();
    }
    String owner = TypeNames.simple(binding.owner().getQualifiedName().toString());
    String prefix =
        binding.kind() == BindingKind.PROVIDES
            ? owner + "." + executable.getSimpleName()
            : owner;
    return prefix + "(" + parameters(executable) + ")";
  }

  /** {@code [Root > Child]}. */
  public static String factoryPath(BindingGraph graph) {
    String own = graph.factory().displayName();
    return graph.parent() == null ? own : factoryPath(graph.parent()) + " > " + own;
  }

  private static String name(Dependency dependency) {
    String key = dependency.key().displayName();
    return dependency.isProvider() ? "Provider<" + key + ">" : key;
  }

  private static String parameters(ExecutableElement executable) {
    return executable.getParameters().stream()
        .map(TraceFormatter::parameter)
        .collect(Collectors.joining(", "));
  }

  private static String parameter(VariableElement parameter) {
    return TypeNames.simple(parameter.asType().toString()) + " " + parameter.getSimpleName();
  }
}
