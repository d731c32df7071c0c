package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Network;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated {@link Network}: one in-memory network for every node of a simulation. Each
 * message is delivered after a seeded delay, unless a fault drops it; faults are set per link or
 * for all links, and partitions cut links in one or both directions.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimNetwork implements Network {
  /** The simulation this was last registered with (see {@link Simulation#faults()}). */
  private Simulation registeredIn;
  private final Map<Address, SimEndpoint<?>> endpoints = new java.util.LinkedHashMap<>();
  private final NetworkFaults allLinks = new NetworkFaults();
  private final Map<String, NetworkFaults> links = new HashMap<>();
  private final Set<String> cut = new LinkedHashSet<>();
  private SplitMix64 random;
  private long sent;
  private long delivered;
  private long dropped;

  public SimNetwork() {
    Simulation.registerIfRunning(this);
  }

  @Override
  public <M> Endpoint<M> bind(String service, Codec<M> codec) {
    Simulation sim = Simulation.current();
    sim.checkAlive();
    if (random == null) {
      random = sim.random("network");
      sim.onCrash(this::crashed);
    }
    registeredIn = registeredIn == sim ? sim : sim.register(this);
    Address address = new Address(sim.node(), service);
    if (endpoints.containsKey(address)) {
      throw new IllegalStateException(address + " is already bound");
    }
    SimEndpoint<M> endpoint = new SimEndpoint<>(this, address);
    endpoints.put(address, endpoint);
    sim.trace("bind " + address);
    return endpoint;
  }

  /** The nodes with a bound endpoint, in the order they first bound one. */
  public List<String> nodes() {
    return endpoints.keySet().stream().map(Address::node).distinct().toList();
  }

  /** Faults of every link without its own. */
  public NetworkFaults allLinks() {
    return allLinks;
  }

  /** Faults of the link {@code from -> to}, starting from the all-links settings. */
  public NetworkFaults link(String from, String to) {
    return links.computeIfAbsent(from + "->" + to, k -> allLinks.copy());
  }

  /** Cuts every link between {@code side} and the other nodes, both ways. */
  public void partition(Set<String> side, Set<String> others) {
    for (String a : side) {
      for (String b : others) {
        cut.add(a + "->" + b);
        cut.add(b + "->" + a);
      }
    }
    Simulation.current().trace("fault partition " + side + " | " + others);
  }

  /** Cuts messages from {@code from} to {@code to} only. */
  public void cutOneWay(String from, String to) {
    cut.add(from + "->" + to);
    Simulation.current().trace("fault cut " + from + "->" + to);
  }

  /** Cuts {@code node} off from every other node with an endpoint, both ways. */
  public void isolate(String node) {
    Set<String> others = new LinkedHashSet<>(nodes());
    others.remove(node);
    partition(Set.of(node), others);
  }

  /** Whether messages from {@code from} to {@code to} pass (no cut; drops aside). */
  public boolean reachable(String from, String to) {
    return !cut.contains(from + "->" + to);
  }

  /** Restores every cut link. */
  public void heal() {
    cut.clear();
    Simulation.current().trace("fault heal");
  }

  public long sent() {
    return sent;
  }

  public long delivered() {
    return delivered;
  }

  public long dropped() {
    return dropped;
  }

  // ---- used by SimEndpoint ----------------------------------------------------------------------

  <M> void send(Address from, Address to, M message, long requestId, long replyTo) {
    Simulation sim = Simulation.current();
    sent++;
    NetworkFaults faults = allLinks;
    boolean isCut = false;
    if (!links.isEmpty() || !cut.isEmpty()) {
      String link = from.node() + "->" + to.node();
      faults = links.getOrDefault(link, allLinks);
      isCut = cut.contains(link);
    }
    if (isCut || random.chance(faults.drop)) {
      dropped++;
      return;
    }
    int copies = random.chance(faults.duplicate) ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long span = faults.maxDelayNanos - faults.minDelayNanos;
      long delay = faults.minDelayNanos + (span <= 0 ? 0 : random.nextLong(span + 1));
      sim.schedule(delay, () -> deliver(from, to, message, requestId, replyTo));
    }
  }

  @SuppressWarnings("unchecked")
  private <M> void deliver(Address from, Address to, M message, long requestId, long replyTo) {
    SimEndpoint<M> endpoint = (SimEndpoint<M>) endpoints.get(to);
    if (endpoint == null || !endpoint.accept(from, message, requestId, replyTo)) {
      dropped++;
      return;
    }
    delivered++;
  }

  void unbind(Address address) {
    endpoints.remove(address);
  }

  /** A crashed node's endpoints vanish; messages to it, also those in flight, are dropped. */
  private void crashed(String node) {
    for (SimEndpoint<?> endpoint : List.copyOf(endpoints.values())) {
      if (endpoint.address().node().equals(node)) {
        endpoint.close();
      }
    }
  }
}
