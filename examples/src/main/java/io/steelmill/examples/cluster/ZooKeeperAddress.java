package io.steelmill.examples.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * A ZooKeeper connect string as {@code cluster run --zookeeper} takes it, {@code
 * host:port[,host:port...][/chroot]}: checked before anything starts, and probed, so that a typo
 * is a usage error and an unreachable ensemble one clear line rather than a node failing.
 */
final class ZooKeeperAddress {
  private static final String HOST =
      "(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)";

  private ZooKeeperAddress() {}

  /** The servers of {@code connect}; an IllegalArgumentException saying what is wrong. */
  static List<InetSocketAddress> parse(String connect) {
    String servers = connect.strip();
    int chroot = servers.indexOf('/');
    if (chroot >= 0) {
      String path = servers.substring(chroot);
      if (!path.matches("(/[A-Za-z0-9_.-]+)+") || path.matches(".*/\\.{1,2}(/.*)?")) {
        throw new IllegalArgumentException("--zookeeper \"" + connect + "\": the chroot after"
            + " the servers must look like /steelmill/test");
      }
      servers = servers.substring(0, chroot);
    }
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("--zookeeper is empty; write host:port[,host:port...]");
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String server : servers.split(",", -1)) {
      int colon = server.lastIndexOf(':');
      String host = colon < 0 ? server : server.substring(0, colon);
      String port = colon < 0 ? "" : server.substring(colon + 1);
      if (!host.matches(HOST) || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535) {
        throw new IllegalArgumentException("--zookeeper \"" + connect + "\": \"" + server
            + "\" is not host:port (a host name or address, a port from 1 to 65535)");
      }
      String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      addresses.add(InetSocketAddress.createUnresolved(bare, Integer.parseInt(port)));
    }
    return addresses;
  }

  /**
   * Tries to open a TCP connection to any of {@code servers}, again and again for up to {@code
   * patience}; throws an IOException naming what was tried, for how long, and the last error.
   */
  static void probe(String connect, List<InetSocketAddress> servers, Duration patience)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    String last = "no attempt";
    while (true) {
      for (InetSocketAddress server : servers) {
        InetSocketAddress resolved =
            new InetSocketAddress(server.getHostString(), server.getPort());
        try (Socket socket = new Socket()) {
          if (resolved.isUnresolved()) {
            throw new IOException("unknown host " + server.getHostString());
          }
          socket.connect(resolved, 1_000);
          last = null;
        } catch (IOException e) {
          last = server.getHostString() + ":" + server.getPort() + ": " + e.getMessage();
        }
      }
      if (last == null) {
        // something listens; only a ZooKeeper session proves it is an ensemble that answers
        last = session(connect, Duration.ofNanos(Math.max(deadline - System.nanoTime(),
            TimeUnit.SECONDS.toNanos(1))));
        if (last == null) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("cannot reach ZooKeeper at " + connect + ": tried for "
            + patience.toSeconds() + " s, last error " + last
            + ". Fix: start the ensemble, or correct --zookeeper");
      }
      Thread.sleep(250);
    }
  }

  /** Opens and closes a ZooKeeper session within {@code patience}: null, or what went wrong. */
  private static String session(String connect, Duration patience) throws InterruptedException {
    int millis = (int) Math.min(patience.toMillis(), Integer.MAX_VALUE);
    try (CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connect)
        .connectionTimeoutMs(millis).sessionTimeoutMs(Math.max(millis, 4_000))
        .retryPolicy(new RetryOneTime(100)).build()) {
      client.start();
      return client.blockUntilConnected(millis, TimeUnit.MILLISECONDS) ? null
          : connect + " accepts connections but no ZooKeeper session opened";
    }
  }
}
