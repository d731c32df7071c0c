package io.steelmill.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections for one local node, at most {@link TcpLimits#maxConnections()} at a time,
 * and reads each on its own virtual thread ({@link TcpInbound}). A failing {@code accept} (file
 * descriptors exhausted, say) is retried after a backoff that doubles from 1 ms up to {@link
 * TcpLimits#acceptBackoffMax()}, and logged at most once per {@link
 * TcpLimits#acceptLogInterval()} with the number of failures: it never spins. When every slot is
 * taken, the oldest connection still in its handshake is closed to admit the new one, so
 * connections that never authenticate cannot lock honest peers out. A peer has one connection:
 * when it authenticates a new one, its older ones are closed. A peer connects anew only when its
 * old connection failed on its side (a reset, a write cut for the peer not reading, its process
 * restarted), and the old one may be half-open here, never to see another byte: kept, each would
 * hold a slot for good, and a peer that reconnects often enough would lock every other peer out.
 */
final class TcpListener {
  private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

  private final TcpNetwork network;
  private final String node;
  private final ServerSocket server;
  private final InetSocketAddress address;
  private final TcpLimits limits;
  private final TcpCounters counters;
  private final ByteBudget budget;
  private final ThrottledLog acceptFailed;
  private final ThrottledLog refused;
  private final Set<Socket> accepted = ConcurrentHashMap.newKeySet();
  /** Accepted sockets still in their handshake, oldest first; guarded by itself. */
  private final LinkedHashSet<Socket> handshaking = new LinkedHashSet<>();
  /** The authenticated connection of each peer node, by its name. */
  private final Map<String, Socket> byPeer = new ConcurrentHashMap<>();
  /** Sockets closed to make room: counted as refused, not again as failed handshakes. */
  private final Set<Socket> evicted = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  TcpListener(TcpNetwork network, String node, ServerSocket server, InetSocketAddress address) {
    this.network = network;
    this.node = node;
    this.server = server;
    this.address = address;
    this.limits = network.limits();
    this.counters = network.counters();
    this.budget = new ByteBudget(limits.listenerBufferBytes());
    this.acceptFailed = new ThrottledLog(log, "accept failed, backing off",
        limits.acceptLogInterval());
    this.refused = new ThrottledLog(log, "connection refused",
        limits.acceptLogInterval());
    this.acceptor = Thread.ofVirtual().name(node + "/tcp-accept").start(this::acceptLoop);
  }

  InetSocketAddress address() {
    return address;
  }

  String node() {
    return node;
  }

  TcpNetwork network() {
    return network;
  }

  ByteBudget budget() {
    return budget;
  }

  ThrottledLog acceptFailures() {
    return acceptFailed;
  }

  /** How many connections are open now. */
  int connections() {
    return accepted.size();
  }

  void close() {
    try {
      server.close();
    } catch (IOException e) {
      log.debug("{}: closing listener", node, e);
    }
    acceptor.interrupt();
    accepted.forEach(TcpListener::closeQuietly);
  }

  /** {@code socket}, authenticated as {@code peer} (null if it never was), is closed. */
  void closed(Socket socket, String peer) {
    authenticated(socket);
    evicted.remove(socket);
    accepted.remove(socket);
    if (peer != null) {
      byPeer.remove(peer, socket);
    }
  }

  /**
   * {@code socket} authenticated as {@code peer}: it replaces the peer's older connection, which
   * is closed (its reader ends, and its slot is free).
   */
  void authenticated(Socket socket, String peer) {
    authenticated(socket);
    Socket older = byPeer.put(peer, socket);
    if (older != null && older != socket) {
      log.debug("{}: {} connected again; closing its older connection from {}", node, peer,
          older.getRemoteSocketAddress());
      closeQuietly(older);
      accepted.remove(older);
    }
  }

  /** Whether {@code socket} was closed to make room for a newer connection. */
  boolean wasEvicted(Socket socket) {
    return evicted.contains(socket);
  }

  /** {@code socket} finished its handshake: it no longer risks being evicted for a newcomer. */
  void authenticated(Socket socket) {
    synchronized (handshaking) {
      handshaking.remove(socket);
    }
  }

  /**
   * Makes room for a new connection by closing the oldest one still in its handshake: idle or
   * half-open connections (a slowloris) cannot hold every slot for a handshake timeout at a time,
   * because an honest peer's handshake takes a round trip and the newest survive.
   */
  private boolean evictOldestHandshake() {
    Socket oldest;
    synchronized (handshaking) {
      if (handshaking.isEmpty()) {
        return false;
      }
      oldest = handshaking.iterator().next();
      handshaking.remove(oldest);
    }
    evicted.add(oldest);
    counters.connectionsRefused.incrementAndGet();
    refused.warn(node, "all " + limits.maxConnections() + " connections taken (TcpLimits"
        + ".maxConnections): closing the oldest still in its handshake, from "
        + oldest.getRemoteSocketAddress());
    closeQuietly(oldest);
    accepted.remove(oldest);
    return true;
  }

  private void acceptLoop() {
    long backoffNanos = 0;
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
        backoffNanos = 0;
      } catch (Throwable e) { // also an Error: out of memory, or a class that cannot load
        if (server.isClosed()) {
          return;
        }
        counters.acceptFailures.incrementAndGet();
        backoffNanos = Math.min(Math.max(2 * backoffNanos, TimeUnit.MILLISECONDS.toNanos(1)),
            limits.acceptBackoffMax().toNanos());
        acceptFailed.warn(node, e.toString() + "; retrying in "
            + Duration.ofNanos(backoffNanos).toMillis() + " ms");
        if (!sleep(backoffNanos)) {
          return;
        }
        continue;
      }
      admit(socket);
    }
  }

  private void admit(Socket socket) {
    if (accepted.size() >= limits.maxConnections() && !network.isStopped()) {
      evictOldestHandshake();
    }
    if (accepted.size() >= limits.maxConnections() || network.isStopped()) {
      counters.connectionsRefused.incrementAndGet();
      refused.warn(node, "already " + accepted.size() + " connections (TcpLimits.maxConnections)"
          + ", closing the one from " + socket.getRemoteSocketAddress());
      closeQuietly(socket);
      return;
    }
    accepted.add(socket);
    synchronized (handshaking) {
      handshaking.add(socket);
    }
    if (server.isClosed()) {
      closeQuietly(socket);
      return;
    }
    Thread.ofVirtual().name(node + "/tcp-read").start(new TcpInbound(this, socket));
  }

  private static boolean sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
