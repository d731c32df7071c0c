package io.steelmill.platform;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outgoing connection from one local node to one peer node. {@link #send} only queues the
 * frame, up to {@link TcpLimits#outboxBytes()} (beyond, the frame is dropped and counted), so a
 * sender never blocks on a slow or dead peer; a writer thread opens the socket on first use (and
 * again after a failure, once a {@link ReconnectBackoff} after a failed attempt is over; frames
 * meanwhile are dropped), authenticates ({@link Handshake}) and writes. A failed write drops its
 * frame (datagram semantics) and closes the socket; a write blocked longer than {@link
 * TcpLimits#frameTimeout()} (the peer stopped reading) is cut by {@link TcpNetwork}'s watchdog.
 */
final class TcpConnection {
  private static final Logger log = LoggerFactory.getLogger(TcpConnection.class);

  private final TcpNetwork network;
  private final String self;
  private final String peer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition queued = lock.newCondition();
  private final ArrayDeque<byte[]> outbox = new ArrayDeque<>(); // guarded by lock
  private long outboxBytes; // guarded by lock
  private boolean closed; // guarded by lock
  private Thread writer; // guarded by lock
  private volatile Socket socket; // written by the writer thread only
  private volatile long writingSince; // System.nanoTime() of the write in progress, or 0
  private final ReconnectBackoff backoff; // the writer thread's only
  private long retryAt; // System.nanoTime() before which no connect is tried; the writer's only
  private final ThrottledLog unreachable;

  TcpConnection(TcpNetwork network, String self, String peer) {
    this.network = network;
    this.self = self;
    this.peer = peer;
    this.backoff = new ReconnectBackoff(self, peer, network.limits().reconnectBackoffMax());
    this.unreachable = new ThrottledLog(log, "peer unreachable",
        network.limits().acceptLogInterval());
  }

  void send(byte[] frame) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (outboxBytes + frame.length > network.limits().outboxBytes()) {
        network.counters().sendsDropped.incrementAndGet();
        return;
      }
      outbox.add(frame);
      outboxBytes += frame.length;
      if (writer == null) {
        writer = Thread.ofVirtual().name(self + "/tcp-write-" + peer).start(this::writeLoop);
      }
      queued.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Closes the socket if a write has been blocked since before {@code cutoffNanos}. */
  void cutIfStalled(long cutoffNanos) {
    long since = writingSince;
    Socket current = socket;
    if (since != 0 && since - cutoffNanos < 0 && current != null) {
      log.debug("{} -> {}: the peer has not read for too long; closing", self, peer);
      TcpListener.closeQuietly(current);
    }
  }

  void close() {
    lock.lock();
    try {
      closed = true;
      outbox.clear();
      outboxBytes = 0;
      queued.signalAll();
      if (writer != null) {
        writer.interrupt();
      }
    } finally {
      lock.unlock();
    }
    Socket current = socket;
    if (current != null) {
      TcpListener.closeQuietly(current);
    }
  }

  private void writeLoop() {
    OutputStream out = null;
    while (true) {
      byte[] frame = next();
      if (frame == null) {
        break;
      }
      if (out == null && (out = reconnect()) == null) {
        network.counters().sendsDropped.incrementAndGet(); // no peer to write to for now
        continue;
      }
      try {
        writingSince = System.nanoTime();
        out.write(frame);
        if (isIdle()) {
          out.flush();
        }
      } catch (IOException e) {
        network.counters().sendsDropped.incrementAndGet();
        log.debug("{} -> {}: message dropped: {}", self, peer, e.toString());
        out = null;
        closeSocket();
      } finally {
        writingSince = 0;
      }
    }
    closeSocket();
  }

  /**
   * Opens the connection, unless the last attempts failed and their backoff is not over; null
   * when there is no connection. Without the backoff, every frame to a peer that is down cost a
   * connect (thousands a second, each a SYN and a refusal, or a handshake timeout).
   */
  private OutputStream reconnect() {
    if (backoff.failures() > 0 && System.nanoTime() - retryAt < 0) {
      return null;
    }
    try {
      OutputStream out = open();
      backoff.reached();
      return out;
    } catch (IOException e) {
      closeSocket();
      if (isClosed()) {
        return null; // closed while connecting (the node stops): not an unreachable peer
      }
      long wait = backoff.failed();
      retryAt = System.nanoTime() + wait;
      network.counters().connectFailures.incrementAndGet();
      unreachable.warn(self, "reaching " + Names.quoted(peer) + " failed ("
          + String.valueOf(e.getMessage()).replaceAll("\\s+", " ") + "); its messages are"
          + " dropped for " + wait / 1_000_000 + " ms, then a connect is tried again (failure "
          + backoff.failures() + " in a row, waits up to "
          + network.limits().reconnectBackoffMax().toMillis() + " ms). Fix: " + fixFor(e, peer));
      return null;
    } finally {
      writingSince = 0; // the handshake's watch is over, whatever became of it
    }
  }

  /** What the user can do about a failed connect ({@code e}) or handshake with {@code peer}. */
  static String fixFor(IOException e, String peer) {
    return e instanceof Handshake.Refused
        ? "give both nodes the same ClusterSecret and the same Steelmill version, and check that"
            + " " + Names.quoted(peer) + "'s address in NetworkConfig is a Steelmill node's"
        : "start node " + Names.quoted(peer) + ", or correct its address in NetworkConfig";
  }

  private OutputStream open() throws IOException {
    Socket opened = network.connect(peer);
    socket = opened;
    if (isClosed()) {
      throw new IOException("closed");
    }
    OutputStream out = new BufferedOutputStream(opened.getOutputStream(), 64 << 10);
    opened.setSoTimeout((int) network.limits().handshakeTimeout().toMillis());
    writingSince = System.nanoTime();
    Handshake.connect(opened.getInputStream(), out, self, peer, network.secret());
    return out;
  }

  /** The next frame to write, waiting for one; null once closed. */
  private byte[] next() {
    lock.lock();
    try {
      while (outbox.isEmpty() && !closed) {
        queued.awaitUninterruptibly();
      }
      if (closed) {
        return null;
      }
      byte[] frame = outbox.poll();
      outboxBytes -= frame.length;
      return frame;
    } finally {
      lock.unlock();
    }
  }

  private boolean isIdle() {
    lock.lock();
    try {
      return outbox.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  private void closeSocket() {
    Socket current = socket;
    socket = null;
    if (current != null) {
      TcpListener.closeQuietly(current);
    }
  }
}
