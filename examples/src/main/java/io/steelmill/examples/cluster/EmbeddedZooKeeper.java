package io.steelmill.examples.cluster;

import java.io.IOException;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * The real ZooKeeper server that {@code cluster run} starts in-process when no ensemble is given.
 * It listens on the loopback interface only ({@code clientPortAddress}), as the nodes do: nothing
 * outside this machine can reach the leases.
 */
final class EmbeddedZooKeeper implements AutoCloseable {
  static final String HOST = "127.0.0.1";

  private final TestingServer server;

  private EmbeddedZooKeeper(TestingServer server) {
    this.server = server;
  }

  /** Starts a server on a free loopback port, with a temporary data directory. */
  static EmbeddedZooKeeper start() throws Exception {
    InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("clientPortAddress", HOST), HOST);
    return new EmbeddedZooKeeper(new TestingServer(spec, true));
  }

  String connectString() {
    return server.getConnectString();
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
