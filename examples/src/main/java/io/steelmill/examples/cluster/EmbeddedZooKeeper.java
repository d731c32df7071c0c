package io.steelmill.examples.cluster;

import io.steelmill.examples.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * The real ZooKeeper server that {@code cluster run} starts in-process when no ensemble is given.
 * It listens on the loopback interface only ({@code clientPortAddress}), as the nodes do: nothing
 * outside this machine can reach the leases. Its files live in one temporary folder of its own,
 * removed when it closes: ZooKeeper writes its configuration next to the data directory, which
 * with Curator's default (a data directory straight in the temporary directory) left a {@code
 * zookeeper.configuration*.properties} file in {@code java.io.tmpdir} after every run.
 */
final class EmbeddedZooKeeper implements AutoCloseable {
  static final String HOST = "127.0.0.1";

  private final TestingServer server;
  private final Path home;

  private EmbeddedZooKeeper(TestingServer server, Path home) {
    this.server = server;
    this.home = home;
  }

  /** Starts a server on a free loopback port, with a temporary data directory. */
  static EmbeddedZooKeeper start() throws Exception {
    Path home = Files.createTempDirectory("steelmill-zookeeper");
    try {
      Path data = Files.createDirectory(home.resolve("data"));
      InstanceSpec spec = new InstanceSpec(data.toFile(), -1, -1, -1, true, -1, -1, -1,
          Map.of("clientPortAddress", HOST), HOST);
      return new EmbeddedZooKeeper(new TestingServer(spec, true), home);
    } catch (Exception | Error e) {
      Folders.deleteTree(home);
      throw e;
    }
  }

  String connectString() {
    return server.getConnectString();
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      Folders.deleteTree(home);
    }
  }
}
