package io.steelmill.grpc.sim;

import io.grpc.ServerServiceDefinition;
import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import io.steelmill.sim.Simulation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One node's end of the simulated gRPC transport: an endpoint on the simulated network, a task
 * that receives its frames, the connections it opened (as a client, one per server node) and
 * accepted (as a server), and the services it serves. Everything runs on the simulation's one
 * carrier, so nothing here needs a lock.
 */
final class NodeTransport {
  final SimGrpcHub hub;
  final String node;
  final Timings timings;
  private final Endpoint<Frame> endpoint;
  private final int incarnation;
  private final Map<String, Connection> dialled = new LinkedHashMap<>();
  private final Map<Long, Connection> connections = new LinkedHashMap<>();
  private final Map<String, ServerServiceDefinition> services = new LinkedHashMap<>();
  private final Executor tasks;
  private final NodeTimers timers;
  private final Reconnects reconnects;
  private final Map<String, RetryBucket> buckets = new LinkedHashMap<>();
  private final IdleChannels idleChannels;
  private boolean down;
  /**
   * The last connections this node gave up itself (overflow, keepalive), with why: a frame of
   * one of them is answered with a reset that says so. Bounded: the oldest are forgotten.
   */
  private final Map<Long, io.grpc.Status> givenUp = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, io.grpc.Status> eldest) {
      return size() > 64;
    }
  };

  NodeTransport(SimGrpcHub hub, String node, Network network, Timings timings) {
    this.hub = hub;
    this.node = node;
    this.timings = timings;
    this.incarnation = hub.incarnation(node);
    this.endpoint = network.bind(SimGrpcHub.SERVICE, new Codec<>() {
      @Override
      public byte[] encode(Frame frame) {
        throw new UnsupportedOperationException("simulated gRPC frames never leave the JVM");
      }

      @Override
      public Frame decode(byte[] bytes) {
        throw new UnsupportedOperationException("simulated gRPC frames never leave the JVM");
      }
    });
    Simulation sim = Simulation.current();
    this.tasks = command -> {
      if (!isDown()) {
        sim.spawn(io.steelmill.runtime.NodeId.of(node), "grpc", command);
      }
    };
    sim.spawn(io.steelmill.runtime.NodeId.of(node), "grpc-transport", this::receive);
    this.timers = new NodeTimers(sim, node);
    this.reconnects = new Reconnects(hub, sim, node);
    this.idleChannels = new IdleChannels(this, hub.idleNanos());
  }

  /** Which of this node's channels have calls under way, and which went idle. */
  IdleChannels idleChannels() {
    return idleChannels;
  }

  /**
   * The channel to {@code server} went idle: its connection closes (the server hears it, as a
   * TCP close) and its reconnect backoff is forgotten; the next call connects anew.
   */
  void idle(String server) {
    reconnects.connected(server);
    Connection connection = dialled.get(server);
    if (connection == null || connection.isDead() || isDown()) {
      return;
    }
    hub.trace("grpc " + node + "->" + server + " idle: connection " + connection.id
        + " closed");
    send(server, Frame.reset(connection.id, node));
    connection.vanish();
    forget(connection);
  }

  /** The connection backoff of this node's channels. */
  Reconnects reconnects() {
    return reconnects;
  }

  /** The retry throttle of this node's channel to {@code server}, or null (none configured). */
  RetryBucket bucket(String server) {
    return hub.throttling() == null ? null
        : buckets.computeIfAbsent(server, s -> new RetryBucket(hub.throttling()));
  }

  /** This node's timers: they run on a task of the node, so they die with it. */
  NodeTimers timers() {
    return timers;
  }

  /** Runs callbacks of this node's calls, each batch on a new simulated task of the node. */
  Executor tasks() {
    return tasks;
  }

  boolean isDown() {
    return down || hub.incarnation(node) != incarnation;
  }

  /**
   * The connection to {@code server}, opening a new one if there is none or it died; null while
   * the channel to it backs off after a failed connect (see {@link Reconnects}).
   */
  Connection connectionTo(String server) {
    Connection connection = dialled.get(server);
    if (connection == null || connection.isDead()) {
      if (reconnects.failing(server) != null) {
        return null;
      }
      connection = new Connection(this, hub.nextConnectionId(), node, server, true);
      dialled.put(server, connection);
      connections.put(connection.id, connection);
    }
    return connection;
  }

  /** This node's connections, dialled and accepted, in the order they were made; for tests. */
  List<Connection> connections() {
    return List.copyOf(connections.values());
  }

  /** {@code connection} takes no new call (its server goes away): the next call dials anew. */
  void undial(Connection connection) {
    if (dialled.get(connection.peer) == connection) {
      dialled.remove(connection.peer);
    }
  }

  /**
   * This node gave {@code connection} up for {@code why}: the peer's next frame on it is answered
   * with a reset that says so, and with {@code abort} (the node ended it, as an application's
   * abort sends TCP's RST) the peer hears it at once, not only when it next sends.
   */
  void gaveUp(Connection connection, io.grpc.Status why, boolean abort) {
    givenUp.put(connection.id, why);
    if (abort) {
      send(connection.peer, Frame.reset(connection.id, connection.clientNode, why));
    }
  }

  void forget(Connection connection) {
    connections.remove(connection.id);
    if (dialled.get(connection.peer) == connection) {
      dialled.remove(connection.peer);
    }
  }

  // ---- services -------------------------------------------------------------------------------

  void serve(ServerServiceDefinition service) {
    String name = service.getServiceDescriptor().getName();
    if (services.containsKey(name)) {
      throw new IllegalStateException("node " + node + " already serves " + name);
    }
    services.put(name, service);
  }

  /**
   * Stops serving {@code service}; its calls under way are cancelled. With the node's last
   * service its server goes away, as a production node's Netty server shuts down: each accepted
   * connection says GOAWAY (the calls it never opened are retried elsewhere by their clients),
   * its calls under way end {@code CANCELLED}, and new connections are refused.
   */
  void withdraw(ServerServiceDefinition service) {
    String name = service.getServiceDescriptor().getName();
    if (services.get(name) != service) {
      return;
    }
    services.remove(name);
    for (Connection connection : List.copyOf(connections.values())) {
      if (connection.client) {
        continue;
      }
      if (services.isEmpty()) {
        connection.goAway();
      } else {
        connection.cancelServerCalls(name);
      }
    }
  }

  ServerServiceDefinition service(String name) {
    return services.get(name);
  }

  // ---- frames ---------------------------------------------------------------------------------

  void send(String to, Frame frame) {
    if (!isDown()) {
      endpoint.send(new Address(to, SimGrpcHub.SERVICE), frame);
    }
  }

  private void receive() {
    try {
      while (!isDown()) {
        Envelope<Frame> envelope = endpoint.receive();
        handle(envelope.from().node(), envelope.message());
      }
    } catch (IllegalStateException | InterruptedException closed) {
      down = true; // the endpoint closed: the node crashed or the simulation ends
    }
  }

  private void handle(String from, Frame frame) {
    Connection connection = connections.get(frame.connection());
    if (connection != null) {
      if (!connection.peer.equals(from)) {
        return; // a frame in the name of another node's connection: not ours to trust
      }
      connection.receive(frame);
      return;
    }
    if (frame.reset() || frame.client().equals(node) || !frame.client().equals(from)) {
      return; // for a connection this node forgot, or not from the node that opened it
    }
    if (!frame.syn() || services.isEmpty()) {
      // an established connection this (restarted) node forgot, or nothing listens: refused
      io.grpc.Status why = givenUp.get(frame.connection());
      send(from, why == null ? Frame.reset(frame.connection(), frame.client())
          : Frame.reset(frame.connection(), frame.client(), why));
      return;
    }
    Connection accepted = new Connection(this, frame.connection(), frame.client(), from, false);
    connections.put(accepted.id, accepted);
    accepted.receive(frame);
  }

  /** The node crashed: its connections vanish without a word (its peers time out). */
  void crashed() {
    down = true;
    for (Connection connection : List.copyOf(connections.values())) {
      connection.vanish();
    }
    connections.clear();
    dialled.clear();
    services.clear();
  }
}
