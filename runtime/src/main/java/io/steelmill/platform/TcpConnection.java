package io.steelmill.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outgoing connection from one local node to one peer node, opened on first use and again
 * after a failure. A write that fails drops its frame (datagram semantics) and closes the socket.
 */
final class TcpConnection {
  private static final Logger log = LoggerFactory.getLogger(TcpConnection.class);

  private final TcpNetwork network;
  private final String peer;
  private final ReentrantLock lock = new ReentrantLock();
  private Socket socket; // guarded by lock
  private OutputStream out; // guarded by lock

  TcpConnection(TcpNetwork network, String peer) {
    this.network = network;
    this.peer = peer;
  }

  void write(byte[] frame) {
    lock.lock();
    try {
      if (socket == null) {
        socket = network.connect(peer);
        out = socket.getOutputStream();
      }
      out.write(frame);
      out.flush();
    } catch (IOException e) {
      log.debug("message to {} dropped: {}", peer, e.toString());
      closeLocked();
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      closeLocked();
    } finally {
      lock.unlock();
    }
  }

  private void closeLocked() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
      out = null;
    }
  }
}
