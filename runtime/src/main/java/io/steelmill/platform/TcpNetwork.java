package io.steelmill.platform;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import io.steelmill.runtime.Lifecycle;
import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Network}: TCP. Each node of this process listens on one socket (see
 * {@link NetworkConfig}); messages to a node go over one lazily opened connection per pair of
 * nodes, as length-prefixed frames naming the target service and the sender. Every connection
 * starts with a mutual {@link Handshake} proving both ends hold the {@link ClusterSecret}; a
 * listener then accepts only frames whose sender is the authenticated peer. Every buffer has a
 * budget ({@link TcpLimits}): a flood, a slow or hostile peer, or a slow consumer costs bounded
 * memory, and whatever it costs is counted in {@link #stats()}. A failed connection drops the
 * message in flight and reconnects on the next send (the datagram semantics of {@link Endpoint}),
 * after a backoff if connecting failed ({@link TcpLimits#reconnectBackoffMax()});
 * anything malformed closes only that connection and never stops the node. {@link #stop()}
 * closes every socket.
 */
@Ambient
@Daemon
@Production
public final class TcpNetwork implements Network, Lifecycle {
  private static final Logger log = LoggerFactory.getLogger(TcpNetwork.class);

  private final NetworkConfig config;
  private final TcpCounters counters = new TcpCounters();
  private final ThrottledLog hostileLog;
  private final ThrottledLog codecFailures;
  private final Map<String, TcpListener> listeners = new ConcurrentHashMap<>();
  private final Map<Address, TcpEndpoint<?>> endpoints = new ConcurrentHashMap<>();
  private final Map<String, TcpConnection> connections = new ConcurrentHashMap<>();
  private final Thread watchdog;
  private volatile boolean stopped;

  public TcpNetwork(NetworkConfig config) {
    this.config = config;
    this.hostileLog = new ThrottledLog(log, "hostile or broken peer",
        config.limits().acceptLogInterval());
    this.codecFailures = new ThrottledLog(log, "codec failure",
        config.limits().acceptLogInterval());
    this.watchdog = Thread.ofVirtual().name("tcp-watchdog").unstarted(this::watchWrites);
  }

  @Override
  public <M> Endpoint<M> bind(String service, Codec<M> codec) {
    String node = NodeContext.current();
    if (node == null) {
      throw new IllegalStateException("bind(\"" + service + "\") outside any node's code: call it"
          + " from a daemon's constructor, prepare() or run()");
    }
    Names.checkService(service);
    listenerOf(node);
    Address address = new Address(node, service);
    TcpEndpoint<M> endpoint = new TcpEndpoint<>(this, address, codec, counters);
    if (endpoints.putIfAbsent(address, endpoint) != null) {
      throw new IllegalStateException(address + " is already bound");
    }
    return endpoint;
  }

  /** Where {@code node} of this process listens, binding it first if needed. */
  public InetSocketAddress listenAddress(String node) {
    return listenerOf(node).address();
  }

  /** What the network refused, paused and dropped so far. */
  public TcpStats stats() {
    return counters.snapshot();
  }

  @Override
  public void stop() {
    stopped = true;
    watchdog.interrupt();
    listeners.values().forEach(TcpListener::close);
    connections.values().forEach(TcpConnection::close);
    endpoints.values().forEach(TcpEndpoint::close);
  }

  // ---- used by endpoints, listeners and connections -------------------------------------------

  <M> void send(Address from, Address to, M message, Codec<M> codec, long requestId, long replyTo) {
    if (stopped) {
      return;
    }
    Names.checkNode(to.node());
    Names.checkService(to.service());
    byte[] frame = Frames.encode(to.service(), from, requestId, replyTo, codec.encode(message));
    if (frame.length - 4 > limits().maxFrameBytes()) {
      throw new IllegalArgumentException("a message of " + (frame.length - 4) + " bytes to " + to
          + " exceeds TcpLimits.maxFrameBytes (" + limits().maxFrameBytes() + ")");
    }
    String key = from.node() + "->" + to.node();
    TcpConnection connection = connections.computeIfAbsent(key, k -> {
      startWatchdog();
      return new TcpConnection(this, from.node(), to.node());
    });
    connection.send(frame);
  }

  Socket connect(String node) throws IOException {
    InetSocketAddress address = config.addressOf(node);
    if (address == null) {
      throw new IOException("unknown node " + node + ": not in NetworkConfig and not bound here");
    }
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address, (int) limits().handshakeTimeout().toMillis());
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** An authenticated frame arrived on a connection accepted for {@code node}. */
  void arrived(String node, Frames.Decoded frame) throws InterruptedException {
    TcpEndpoint<?> endpoint = endpoints.get(new Address(node, frame.service()));
    if (endpoint == null) {
      log.debug("{}: no service {} for a message from {}; dropped", node, frame.service(),
          frame.from());
      return;
    }
    endpoint.deliver(frame.from(), frame.payload(), frame.requestId(), frame.replyTo());
  }

  void unbind(Address address, TcpEndpoint<?> endpoint) {
    endpoints.remove(address, endpoint);
  }

  boolean isStopped() {
    return stopped;
  }

  TcpLimits limits() {
    return config.limits();
  }

  /** Errors thrown by codecs decoding received frames (see TcpInbound). */
  ThrottledLog codecFailures() {
    return codecFailures;
  }

  TcpCounters counters() {
    return counters;
  }

  ThrottledLog hostileLog() {
    return hostileLog;
  }

  ClusterSecret secret() {
    return config.secret();
  }

  /** The listener of {@code node}, for tests. */
  TcpListener listener(String node) {
    return listeners.get(node);
  }

  private synchronized void startWatchdog() {
    if (watchdog.getState() == Thread.State.NEW && !stopped) {
      watchdog.start();
    }
  }

  /** Cuts connections whose peer has not taken a frame for the frame timeout. */
  private void watchWrites() {
    long timeout = limits().frameTimeout().toNanos();
    try {
      while (!stopped) {
        // a quarter of the timeout, but never a spin (at least 1 ms) nor a nap (at most 1 s)
        TimeUnit.NANOSECONDS.sleep(Math.clamp(timeout / 4, TimeUnit.MILLISECONDS.toNanos(1),
            TimeUnit.SECONDS.toNanos(1)));
        long cutoff = System.nanoTime() - timeout;
        connections.values().forEach(c -> c.cutIfStalled(cutoff));
      }
    } catch (InterruptedException e) {
      // stopped
    }
  }

  private TcpListener listenerOf(String node) {
    Names.checkNode(node);
    if (stopped) {
      throw new IllegalStateException("the network is stopped");
    }
    return listeners.computeIfAbsent(node, n -> {
      try {
        InetSocketAddress known = config.addressOf(n);
        ServerSocket server = new ServerSocket();
        server.bind(known != null ? known : new InetSocketAddress(config.bindAddress(), 0),
            Math.min(config.limits().maxConnections(), 1024));
        InetSocketAddress bound =
            new InetSocketAddress(config.bindAddress(), server.getLocalPort());
        config.register(n, bound);
        return new TcpListener(this, n, server, bound);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen for node " + n, e);
      }
    });
  }
}
