package io.steelmill.testing;

import io.steelmill.runtime.Node;
import io.steelmill.sim.SimCluster;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.history.History;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * What one run of a {@link SimulationTest} method works with: its simulation and, when the test
 * names a factory, a cluster of its nodes, created through the generated class
 * ({@code Steelmill<Name>.ambient().node(host)}) with every entry point requested.
 */
final class SimSession {
  final Simulation simulation;
  /** The result of a rerun's simulation (set by the extension); null for the first run. */
  SimResult result;
  private final SimulationTest settings;
  private SimCluster<Node, Node> cluster;
  private History history;

  SimSession(Simulation simulation, SimulationTest settings) {
    this.simulation = simulation;
    this.settings = settings;
  }

  boolean supports(Parameter parameter) {
    Class<?> type = parameter.getType();
    return type == Simulation.class
        || type == SimCluster.class
        || type == History.class
        || parameter.isAnnotationPresent(Host.class);
  }

  Object resolve(Parameter parameter) {
    Class<?> type = parameter.getType();
    if (type == Simulation.class) {
      return simulation;
    }
    if (type == SimCluster.class) {
      return cluster();
    }
    if (type == History.class) {
      return history();
    }
    String host = parameter.getAnnotation(Host.class).value();
    Node node = cluster().node(host);
    if (type.isInstance(node)) {
      return node;
    }
    for (Method entry : entryPoints(settings.factory())) {
      if (type.isAssignableFrom(entry.getReturnType())) {
        try {
          return entry.invoke(node);
        } catch (ReflectiveOperationException e) {
          throw new ParameterResolutionException("cannot get " + type.getSimpleName() + " of " + host, e);
        }
      }
    }
    throw new ParameterResolutionException(
        "@Host(\"" + host + "\") " + type.getSimpleName() + ": no entry point of "
            + settings.factory().getSimpleName() + " returns it. Fix: add one, or inject the node.");
  }

  /** The client history of this run, stamped with virtual time; created on first use. */
  History history() {
    if (history == null) {
      history = new History(simulation::nanoTime);
    }
    return history;
  }

  /** The history if the test asked for one, else null. */
  History recordedHistory() {
    return history;
  }

  /** The hosts of the cluster, for a picture's lanes; empty when the test names no factory. */
  List<String> clusterNames() {
    return cluster == null ? List.of() : cluster.names();
  }

  /** The cluster, built (not started) on first use; null when the test names no factory. */
  SimCluster<Node, Node> cluster() {
    if (cluster == null && settings.factory() != void.class) {
      cluster = createCluster(settings.factory(), settings.nodes()).build();
    }
    return cluster;
  }

  @SuppressWarnings("unchecked")
  private static SimCluster<Node, Node> createCluster(Class<?> factory, int nodes) {
    String generated = generatedName(factory);
    try {
      Class<?> type = Class.forName(generated, true, factory.getClassLoader());
      Node ambient = (Node) type.getMethod("ambient").invoke(null);
      Method node = ambient.getClass().getMethod("node", String.class);
      List<Method> entries = entryPoints(factory);
      return SimCluster.of(
          ambient,
          (a, name) -> (Node) invoke(node, a, name),
          n -> entries.forEach(entry -> invoke(entry, n)),
          SimCluster.names("n", nodes));
    } catch (ReflectiveOperationException e) {
      throw new ParameterResolutionException("cannot create the cluster of " + factory.getName()
          + " through " + generated + ": " + e + ". Is the processor on the test's annotation"
          + " processor path?", e);
    }
  }

  /**
   * The factory's entry points (abstract, no parameters) in name order. Not in {@code
   * getMethods()} order: that order is unspecified, and HotSpot's depends on which names the JVM
   * met before (the classes other tests loaded), while the order in which a node builds its
   * daemons is in the trace: a seed run after other tests and again in a fresh JVM differed.
   */
  static List<Method> entryPoints(Class<?> factory) {
    List<Method> entries = new ArrayList<>();
    for (Method method : factory.getMethods()) {
      if (method.getParameterCount() == 0 && Modifier.isAbstract(method.getModifiers())) {
        entries.add(method);
      }
    }
    entries.sort(java.util.Comparator.comparing(Method::getName)
        .thenComparing(method -> method.getReturnType().getName()));
    return entries;
  }

  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code pkg.Outer$Inner} is generated as {@code pkg.SteelmillOuter_Inner}. */
  static String generatedName(Class<?> factory) {
    String name = factory.getName();
    int dot = name.lastIndexOf('.');
    String pkg = dot < 0 ? "" : name.substring(0, dot + 1);
    return pkg + "Steelmill" + name.substring(dot + 1).replace('$', '_');
  }
}
