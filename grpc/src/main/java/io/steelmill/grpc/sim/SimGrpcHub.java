package io.steelmill.grpc.sim;

import io.grpc.MethodDescriptor;
import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.grpc.RetryPolicy;
import io.steelmill.grpc.RetryThrottling;
import io.steelmill.platform.Network;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.SplitMix64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated gRPC transport of a whole simulation: per node, a {@link NodeTransport} bound on
 * the simulated {@link Network} (so every fault of the network acts on gRPC calls), created when
 * the node first uses gRPC and dropped when it crashes; its restarted daemons create a fresh one.
 * Shared by {@link SimGrpcChannels} and {@link SimGrpcServers}.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimGrpcHub {
  /** The network service every node's transport binds. */
  static final String SERVICE = "steelmill-grpc";

  private final Network network;
  private final Map<String, NodeTransport> transports = new LinkedHashMap<>();
  private final Map<String, Integer> incarnations = new LinkedHashMap<>();
  private final Timings timings;
  private final Map<String, ?> serviceConfig;
  private final Map<String, Optional<RetryPolicy>> policies = new HashMap<>();
  private final Map<String, SplitMix64> randoms = new HashMap<>();
  private final GrpcConfig config;
  private final RetryThrottling throttling;
  private final Set<String> addressed = new HashSet<>();
  private final Map<String, List<Runnable>> awaitingAddress = new LinkedHashMap<>();
  private Simulation addressesOf;
  private Simulation randomsOf;
  private Simulation listening;
  private long lastConnection;

  /**
   * The transport on {@code network}, with the connection timings of {@code config} (its connect
   * timeout, keepalive time and keepalive timeout, in virtual time).
   */
  public SimGrpcHub(Network network, GrpcConfig config) {
    this(network, config, Timings.of(config.timings()));
  }

  private SimGrpcHub(Network network, GrpcConfig config, Timings timings) {
    this.network = network;
    this.timings = timings;
    this.serviceConfig = config.serviceConfig();
    this.config = config;
    this.throttling = RetryThrottling.of(serviceConfig);
  }

  /** Virtual nanoseconds a channel stays connected with no call under way (0: forever). */
  long idleNanos() {
    return config.idleTimeout() == null ? 0 : config.idleTimeout().toNanos();
  }

  /** The service config's retry throttling, or null. */
  RetryThrottling throttling() {
    return throttling;
  }

  /** A transport whose budgets differ from the defaults (tests of what a budget does). */
  static SimGrpcHub withTimings(Network network, GrpcConfig config, Timings timings) {
    return new SimGrpcHub(network, config, timings);
  }

  /** The retry policy of {@code method} in the configured service config, or null. */
  RetryPolicy retryPolicy(MethodDescriptor<?, ?> method) {
    return policies.computeIfAbsent(method.getFullMethodName(),
        name -> Optional.ofNullable(RetryPolicy.of(serviceConfig, method))).orElse(null);
  }

  /**
   * A stream of the simulation's seed for {@code purpose} (retry and reconnect jitter, which
   * grpc-java draws from its own unseeded random).
   */
  SplitMix64 random(String purpose) {
    Simulation sim = Simulation.current();
    if (randomsOf != sim) {
      randomsOf = sim;
      randoms.clear();
    }
    return randoms.computeIfAbsent(purpose, sim::random);
  }

  /**
   * Whether calls can find {@code node}: it served gRPC in this simulation (its address stays
   * known when it crashes or stops, as a production node's does) or the configuration lists it.
   */
  boolean addressKnown(String node) {
    return config.addressOf(node) != null || addresses().contains(node);
  }

  /** {@code node} serves: calls waiting for its address go on. */
  void served(String node) {
    if (addresses().add(node)) {
      List<Runnable> waiting = awaitingAddress.remove(node);
      if (waiting != null) {
        waiting.forEach(Runnable::run);
      }
    }
  }

  /** Runs {@code then} once {@code node}'s address is known (the caller checks it is not yet). */
  void whenAddressKnown(String node, Runnable then) {
    addresses();
    awaitingAddress.computeIfAbsent(node, n -> new ArrayList<>()).add(then);
  }

  /** The nodes that served in the current simulation. */
  private Set<String> addresses() {
    Simulation sim = Simulation.current();
    if (addressesOf != sim) {
      addressesOf = sim;
      addressed.clear();
      awaitingAddress.clear();
    }
    return addressed;
  }

  void trace(String event) {
    Simulation.current().trace(event);
  }

  /** The simulated network (the simulation build binds no other). */
  SimNetwork network() {
    if (network instanceof SimNetwork simulated) {
      return simulated;
    }
    throw new IllegalStateException("the simulated gRPC transport runs on the simulated network,"
        + " not on " + network.getClass().getName());
  }

  /** The calling node's transport, created (and bound) if it has none. */
  NodeTransport transportOfCallingNode() {
    Simulation sim = Simulation.current();
    if (listening != sim) {
      listening = sim;
      sim.onCrash(this::crashed);
    }
    String node = sim.node();
    if (node.isEmpty()) {
      throw new IllegalStateException("gRPC used outside any node's code: call it from a daemon's"
          + " constructor, prepare() or run(), or from a simulated task of a node");
    }
    NodeTransport transport = transports.get(node);
    if (transport == null) {
      transport = new NodeTransport(this, node, network, timings);
      transports.put(node, transport);
    }
    return transport;
  }

  /** {@code node}'s live transport, or null (it never used gRPC, or crashed since). */
  NodeTransport transport(String node) {
    return transports.get(node);
  }

  /** How often {@code node} crashed: a timer set before a crash must not act after it. */
  int incarnation(String node) {
    return incarnations.getOrDefault(node, 0);
  }

  long nextConnectionId() {
    return ++lastConnection;
  }

  private void crashed(String node) {
    incarnations.merge(node, 1, Integer::sum);
    NodeTransport transport = transports.remove(node);
    if (transport != null) {
      transport.crashed();
    }
  }
}
