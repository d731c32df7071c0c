package io.steelmill.platform;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection: the {@link Handshake} within {@link TcpLimits#handshakeTimeout()},
 * then frames, each whole within {@link TcpLimits#frameTimeout()} of its first byte. A frame
 * larger than the connection's own buffer reserves its bytes from the listener's budget before it
 * is read. Anything hostile (a failed handshake, a malformed or oversized frame, a sender other
 * than the authenticated peer, a frame the codec refuses, even with an {@link Error}) closes this
 * connection only, counted and logged at most once per interval; no frame is delivered before the
 * peer has authenticated.
 */
final class TcpInbound implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TcpInbound.class);

  private final TcpListener listener;
  private final Socket socket;
  private final TcpLimits limits;
  private final TcpCounters counters;
  private final ThrottledLog hostile;

  TcpInbound(TcpListener listener, Socket socket) {
    this.listener = listener;
    this.socket = socket;
    this.limits = listener.network().limits();
    this.counters = listener.network().counters();
    this.hostile = listener.network().hostileLog();
  }

  @Override
  public void run() {
    String node = listener.node();
    String peer = null;
    try (socket) {
      DeadlineInput in = new DeadlineInput(socket);
      in.deadlineIn(limits.handshakeTimeout());
      try {
        peer = Handshake.accept(in, socket.getOutputStream(), node,
            listener.network().secret());
      } catch (IOException e) {
        if (listener.wasEvicted(socket)) {
          return; // closed to make room, and counted as refused
        }
        counters.handshakesFailed.incrementAndGet();
        hostile.warn(node, "handshake with " + socket.getRemoteSocketAddress() + " failed: "
            + (e instanceof SocketTimeoutException ? "not done within "
                + limits.handshakeTimeout().toMillis() + " ms" : e.getMessage()));
        return;
      }
      listener.authenticated(socket, peer);
      counters.connectionsAccepted.incrementAndGet();
      readFrames(in, peer);
    } catch (IOException e) {
      if (!listener.network().isStopped()) {
        log.debug("{}: connection from {} failed", node, socket.getRemoteSocketAddress(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      listener.closed(socket, peer);
    }
  }

  private void readFrames(DeadlineInput in, String peer) throws IOException, InterruptedException {
    DataInputStream data = new DataInputStream(in);
    while (true) {
      in.noDeadline(); // an authenticated peer may stay idle between frames
      int first = in.read();
      if (first < 0) {
        return; // the peer closed the connection
      }
      long deadline = in.deadlineIn(limits.frameTimeout());
      int length;
      try {
        length = first << 24 | data.readUnsignedByte() << 16 | data.readUnsignedShort();
      } catch (SocketTimeoutException e) {
        timedOut(peer);
        return;
      }
      if (length < Frames.MIN_BODY || length > limits.maxFrameBytes()) {
        reject(peer, "a frame length of " + Integer.toUnsignedString(length) + " bytes (at most "
            + limits.maxFrameBytes() + ", TcpLimits.maxFrameBytes)");
        return;
      }
      if (!readFrame(data, peer, length, deadline)) {
        return;
      }
    }
  }

  /** Reads, checks and delivers one frame body; false if the connection must close. */
  private boolean readFrame(DataInputStream data, String peer, int length, long deadline)
      throws IOException, InterruptedException {
    long reserved = length > limits.connectionBufferBytes() ? length : 0;
    if (reserved > 0 && !listener.budget().reserve(reserved, deadline)) {
      counters.budgetExhausted.incrementAndGet();
      hostile.warn(listener.node(), "no buffer for a frame of " + length + " bytes from " + peer
          + " (TcpLimits.listenerBufferBytes); closing its connection");
      return false;
    }
    try {
      byte[] body = new byte[length];
      try {
        data.readFully(body);
      } catch (SocketTimeoutException e) {
        timedOut(peer);
        return false;
      } catch (EOFException e) {
        return false; // closed inside a frame
      }
      Frames.Decoded frame;
      try {
        frame = Frames.decode(body);
      } catch (IllegalArgumentException e) {
        reject(peer, e.getMessage());
        return false;
      }
      if (!frame.from().node().equals(peer)) {
        counters.forgedSenders.incrementAndGet();
        hostile.warn(listener.node(), "a frame from " + Names.quoted(peer) + " claims to come from "
            + Names.quoted(frame.from().node()) + "; closing its connection");
        return false;
      }
      try {
        listener.network().arrived(listener.node(), frame);
      } catch (RuntimeException e) {
        reject(peer, "the codec refused a message to " + frame.service() + ": " + e);
        return false;
      } catch (StackOverflowError e) {
        codecFailed(peer, frame.service(), e); // input nested deeper than the codec recurses
        return false;
      } catch (VirtualMachineError e) {
        throw e; // out of memory, an internal error: the JVM's state, not the frame's fault
      } catch (Error e) {
        codecFailed(peer, frame.service(), e);
        return false;
      }
      return true;
    } finally {
      if (reserved > 0) {
        listener.budget().release(reserved);
      }
    }
  }

  private void reject(String peer, String why) {
    counters.framesRejected.incrementAndGet();
    hostile.warn(listener.node(), "closing the connection from " + Names.quoted(peer) + ": " + why);
  }

  /**
   * The codec threw an {@link Error} decoding a frame (a {@link StackOverflowError} from input
   * nested deeper than it recurses, an {@link AssertionError} or a failed class initializer of the
   * user's codec): the frame is refused and its connection closed, as for a frame the codec
   * refuses with an exception, and the node keeps serving. Left to escape, it ended the reading
   * thread with a stack trace that named no node, and the sender saw only a closed connection.
   * Throttled like every failure a peer can cause at will.
   */
  private void codecFailed(String peer, String service, Error e) {
    counters.framesRejected.incrementAndGet();
    listener.network().codecFailures().warn(listener.node(), codecFailure(peer, service, e));
  }

  /** The one line {@link #codecFailed} logs after the node's name. */
  static String codecFailure(String peer, String service, Throwable e) {
    return "closing the connection from " + Names.quoted(peer) + ": decoding a message to service "
        + Names.quoted(service) + " threw " + String.valueOf(e).replaceAll("\\s+", " ")
        + "; the node keeps running. Fix: make that service's Codec.decode throw"
        + " IllegalArgumentException for a frame it cannot read, and bound its recursion depth"
        + " and its allocations by the frame's size";
  }

  private void timedOut(String peer) {
    counters.framesTimedOut.incrementAndGet();
    hostile.warn(listener.node(), "a frame from " + Names.quoted(peer) + " did not arrive within "
        + limits.frameTimeout().toMillis() + " ms (TcpLimits.frameTimeout); closing");
  }

  /** The socket's input, every read bounded by one deadline (not per read, as SO_TIMEOUT is). */
  private static final class DeadlineInput extends FilterInputStream {
    private final Socket socket;
    private long deadline; // System.nanoTime(), or 0 for none

    DeadlineInput(Socket socket) throws IOException {
      super(new BufferedInputStream(socket.getInputStream(), 8192));
      this.socket = socket;
    }

    long deadlineIn(Duration timeout) {
      deadline = System.nanoTime() + timeout.toNanos();
      if (deadline == 0) {
        deadline = 1;
      }
      return deadline;
    }

    void noDeadline() {
      deadline = 0;
    }

    @Override
    public int read() throws IOException {
      arm();
      return super.read();
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      arm();
      return super.read(bytes, offset, length);
    }

    private void arm() throws IOException {
      if (deadline == 0) {
        socket.setSoTimeout(0);
        return;
      }
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) Math.min(leftMillis, Integer.MAX_VALUE));
    }
  }
}
