package io.steelmill.platform;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import io.steelmill.runtime.Lifecycle;
import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Network}: TCP. Each node of this process listens on one socket (see
 * {@link NetworkConfig}); messages to a node go over one lazily opened connection per pair of
 * nodes, as length-prefixed frames naming the target service and the sender. A failed connection
 * drops the message in flight and reconnects on the next send (the datagram semantics of {@link
 * Endpoint}); a malformed frame closes that connection with a logged error and never stops the
 * node. {@link #stop()} closes every socket.
 */
@Ambient
@Daemon
@Production
public final class TcpNetwork implements Network, Lifecycle {
  private static final Logger log = LoggerFactory.getLogger(TcpNetwork.class);

  private final NetworkConfig config;
  private final Map<String, TcpListener> listeners = new ConcurrentHashMap<>();
  private final Map<Address, TcpEndpoint<?>> endpoints = new ConcurrentHashMap<>();
  private final Map<String, TcpConnection> connections = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  public TcpNetwork(NetworkConfig config) {
    this.config = config;
  }

  @Override
  public <M> Endpoint<M> bind(String service, Codec<M> codec) {
    String node = NodeContext.current();
    if (node == null) {
      throw new IllegalStateException("bind(\"" + service + "\") outside any node's code: call it"
          + " from a daemon's constructor, prepare() or run()");
    }
    listenerOf(node);
    Address address = new Address(node, service);
    TcpEndpoint<M> endpoint = new TcpEndpoint<>(this, address, codec);
    if (endpoints.putIfAbsent(address, endpoint) != null) {
      throw new IllegalStateException(address + " is already bound");
    }
    return endpoint;
  }

  /** Where {@code node} of this process listens, binding it first if needed. */
  public InetSocketAddress listenAddress(String node) {
    return listenerOf(node).address();
  }

  @Override
  public void stop() {
    stopped = true;
    listeners.values().forEach(TcpListener::close);
    connections.values().forEach(TcpConnection::close);
    endpoints.values().forEach(TcpEndpoint::close);
  }

  // ---- used by endpoints, listeners and connections -------------------------------------------

  <M> void send(Address from, Address to, M message, Codec<M> codec, long requestId, long replyTo) {
    if (stopped) {
      return;
    }
    byte[] frame = Frames.encode(to.service(), from, requestId, replyTo, codec.encode(message));
    String key = from.node() + "->" + to.node();
    TcpConnection connection =
        connections.computeIfAbsent(key, k -> new TcpConnection(this, to.node()));
    connection.write(frame);
  }

  Socket connect(String node) throws IOException {
    InetSocketAddress address = config.addressOf(node);
    if (address == null) {
      throw new IOException("unknown node " + node + ": not in NetworkConfig and not bound here");
    }
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(address, 5_000);
    return socket;
  }

  /** A frame arrived on a connection accepted for {@code node}; false if it was malformed. */
  void arrived(String node, byte[] frame) {
    Frames.Decoded decoded = Frames.decode(frame);
    TcpEndpoint<?> endpoint = endpoints.get(new Address(node, decoded.service()));
    if (endpoint == null) {
      log.debug("{}: no service {} for a message from {}; dropped", node, decoded.service(),
          decoded.from());
      return;
    }
    endpoint.accept(decoded.from(), decoded.payload(), decoded.requestId(), decoded.replyTo());
  }

  void unbind(Address address) {
    endpoints.remove(address);
  }

  boolean isStopped() {
    return stopped;
  }

  private TcpListener listenerOf(String node) {
    return listeners.computeIfAbsent(node, n -> {
      try {
        InetSocketAddress known = config.addressOf(n);
        ServerSocket server = new ServerSocket();
        server.bind(known != null ? known : new InetSocketAddress(config.bindAddress(), 0));
        InetSocketAddress bound =
            new InetSocketAddress(config.bindAddress(), server.getLocalPort());
        config.register(n, bound);
        return new TcpListener(this, n, server, bound);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot listen for node " + n, e);
      }
    });
  }
}
