package io.steelmill.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Raw sockets playing peers (honest, hostile or broken) against a {@link TcpNetwork} node. */
final class TcpPeers {
  private TcpPeers() {}

  /** A connected socket that has not said anything yet; reads time out after 10 s. */
  static Socket raw(InetSocketAddress to) throws IOException {
    Socket socket = new Socket();
    socket.connect(to, 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** A socket that passed the handshake as {@code self}, towards node {@code target}. */
  static Socket authenticated(InetSocketAddress to, String self, String target,
      ClusterSecret secret) throws IOException {
    Socket socket = raw(to);
    Handshake.connect(socket.getInputStream(), socket.getOutputStream(), self, target, secret);
    return socket;
  }

  /** A whole frame (length included) from {@code from} to {@code service}, UTF-8 payload. */
  static byte[] frame(String service, Address from, String payload) {
    return Frames.encode(service, from, 0, 0, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the node closed {@code socket} within {@code timeout} (reading and discarding). */
  static boolean closedByNode(Socket socket, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    InputStream in = socket.getInputStream();
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      try {
        if (in.read() < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // reset by the node
      }
    }
    return false;
  }

  /** Polls {@code condition} every 10 ms for at most {@code timeout}. */
  static boolean eventually(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
