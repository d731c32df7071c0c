package io.steelmill.platform;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts connections for one local node and reads their frames, one virtual thread each. */
final class TcpListener {
  private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

  private final TcpNetwork network;
  private final String node;
  private final ServerSocket server;
  private final InetSocketAddress address;
  private final Set<Socket> accepted = ConcurrentHashMap.newKeySet();

  TcpListener(TcpNetwork network, String node, ServerSocket server, InetSocketAddress address) {
    this.network = network;
    this.node = node;
    this.server = server;
    this.address = address;
    Thread.ofVirtual().name(node + "/tcp-accept").start(this::acceptLoop);
  }

  InetSocketAddress address() {
    return address;
  }

  void close() {
    try {
      server.close();
    } catch (IOException e) {
      log.debug("{}: closing listener", node, e);
    }
    accepted.forEach(TcpListener::closeQuietly);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.add(socket);
        Thread.ofVirtual().name(node + "/tcp-read").start(() -> readLoop(socket));
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.warn("{}: accept failed", node, e);
        }
      }
    }
  }

  private void readLoop(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      while (true) {
        int length = in.readInt();
        if (length < 0 || length > Frames.MAX_FRAME) {
          throw new IllegalArgumentException("malformed frame: length " + length);
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
          throw new EOFException("connection closed inside a frame");
        }
        network.arrived(node, body);
      }
    } catch (EOFException e) {
      // the peer closed the connection
    } catch (IllegalArgumentException e) {
      log.error("{}: closing the connection from {}: {}", node, socket.getRemoteSocketAddress(),
          e.getMessage());
    } catch (IOException e) {
      if (!network.isStopped()) {
        log.debug("{}: connection from {} failed", node, socket.getRemoteSocketAddress(), e);
      }
    } finally {
      accepted.remove(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
