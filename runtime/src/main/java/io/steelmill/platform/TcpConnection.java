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
 * again after a failure), authenticates ({@link Handshake}) and writes. A failed write drops its
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

  TcpConnection(TcpNetwork network, String self, String peer) {
    this.network = network;
    this.self = self;
    this.peer = peer;
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
      try {
        if (out == null) {
          out = open();
        }
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
