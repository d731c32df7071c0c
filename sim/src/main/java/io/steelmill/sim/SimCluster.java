package io.steelmill.sim;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.NodeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The nodes of one generated factory, running inside a {@link Simulation}: one ambient factory
 * (the shared infrastructure: network, clock) and a node per host, which can crash and restart.
 *
 * <pre>{@code
 * SimCluster<SteelmillStore> cluster = SimCluster.of(
 *     SteelmillStore.ambient(), SteelmillStore.Ambient::node, node -> node.server(),
 *     "a", "b", "c");
 * cluster.start();                 // inside the simulation: build, prepare, run every node
 * cluster.crash("b");              // no stop(); its tasks unwind; unsynced disk writes are lost
 * cluster.restart("b");            // a fresh node for host b, same ambient (same network, disks)
 * cluster.stop();                  // stop every node, throw the first daemon error
 * }</pre>
 *
 * @param <A> the generated ambient factory type
 * @param <N> the generated node type
 */
public final class SimCluster<A extends Node, N extends Node> {
  private final A ambient;
  private final BiFunction<A, String, N> newNode;
  private final Consumer<N> setup;
  private final Map<String, N> nodes = new LinkedHashMap<>();
  private final Map<String, Integer> incarnations = new LinkedHashMap<>();
  private final List<String> names;

  private SimCluster(
      A ambient, BiFunction<A, String, N> newNode, Consumer<N> setup, List<String> names) {
    this.ambient = ambient;
    this.newNode = newNode;
    this.setup = setup;
    this.names = List.copyOf(names);
    Set<String> seen = new HashSet<>(); // one pass: linear in the hosts, not quadratic
    for (String name : this.names) {
      if (!seen.add(name)) { // the first name given twice, at its second place, as before
        throw new IllegalArgumentException("two hosts are named "
            + ReportText.printable(ReportText.quote(name))
            + ": a crash, a pause or a call aimed at one would reach both (a host's name is its"
            + " identity). Fix: give every host a name of its own.");
      }
    }
  }

  /**
   * A cluster of {@code names} under {@code ambient}; {@code setup} requests each node's daemons
   * (its entry points) before it starts, at first start and at every restart.
   */
  public static <A extends Node, N extends Node> SimCluster<A, N> of(
      A ambient, BiFunction<A, String, N> newNode, Consumer<N> setup, String... names) {
    return new SimCluster<>(ambient, newNode, setup, List.of(names));
  }

  /** Hosts named {@code prefix0 .. prefix(count-1)}. */
  public static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  public static <A extends Node, N extends Node> SimCluster<A, N> of(
      A ambient, BiFunction<A, String, N> newNode, Consumer<N> setup, List<String> names) {
    return new SimCluster<>(ambient, newNode, setup, names);
  }

  /**
   * Creates every node not created yet and runs {@code setup} on it (building its daemons),
   * without starting it. May run outside the simulation.
   */
  public SimCluster<A, N> build() {
    for (String name : names) {
      if (!nodes.containsKey(name)) {
        nodes.put(name, create(name));
      }
    }
    return this;
  }

  /** Builds what is not built yet, then starts every node; call it inside the simulation. */
  public SimCluster<A, N> start() {
    build();
    for (String name : names) {
      startHost(name);
    }
    return this;
  }

  public A ambient() {
    return ambient;
  }

  public List<String> names() {
    return names;
  }

  /** The current incarnation of host {@code name}. */
  public N node(String name) {
    N node = nodes.get(name);
    if (node == null) {
      throw new IllegalArgumentException("no host " + name + " in " + names);
    }
    return node;
  }

  /** Whether host {@code name} runs (not crashed since its last start). */
  public boolean isUp(String name) {
    N node = nodes.get(name);
    return node != null && !node.isCrashed();
  }

  /** How many times host {@code name} was started (1 before any restart). */
  public int incarnation(String name) {
    return incarnations.getOrDefault(name, 0);
  }

  /** Crashes host {@code name}: see {@link Simulation#crash(String)} and {@link Node#crash()}. */
  public void crash(String name) {
    N node = node(name);
    if (node.isCrashed()) {
      return;
    }
    node.crash();
    Simulation.current().crash(name);
  }

  /** Starts a fresh node for host {@code name}, which must be down. */
  public N restart(String name) {
    if (isUp(name)) {
      throw new IllegalStateException("host " + name + " is up; crash it first");
    }
    return launch(name);
  }

  /**
   * Runs {@code work} as host {@code name}: on a task of that node, as its daemons' own code
   * would (so it reads that node's disk and binds on its network), and waits for the result.
   */
  public <T> T call(String name, java.util.concurrent.Callable<T> work) throws Exception {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread task = Simulation.current().spawn(NodeId.of(name), "call", () -> {
      try {
        result[0] = work.call();
      } catch (Throwable e) {
        failure[0] = e; // rethrown to the caller, assertion errors included
      }
    });
    task.join();
    if (failure[0] instanceof Error error) {
      throw error;
    }
    if (failure[0] != null) {
      throw (Exception) failure[0];
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }

  /** Stops every node and the ambient factory; throws the first daemon error, if any. */
  public void stop() {
    ambient.close();
  }

  private N launch(String name) {
    nodes.put(name, create(name));
    return startHost(name);
  }

  private N startHost(String name) {
    N node = nodes.get(name);
    Simulation.current().trace("start " + name + " incarnation " + incarnations.get(name));
    node.start();
    return node;
  }

  private N create(String name) {
    N node = newNode.apply(ambient, name);
    incarnations.merge(name, 1, Integer::sum);
    setup.accept(node);
    return node;
  }
}
