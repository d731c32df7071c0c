package io.steelmill.examples.cluster;

import io.steelmill.examples.Cli;
import io.steelmill.examples.OnExit;
import io.steelmill.examples.WholeRange;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster run --nodes 3 [--zookeeper host:port]}: the same store in production mode, on
 * real TCP over loopback (peers authenticated with a secret generated for this run) and
 * ZooKeeper leases; the leader is stopped midway and another takes over.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Run the store for real: TCP on loopback, ZooKeeper leases.")
public final class RunCommand implements Callable<Integer> {
  static final int MAX_NODES = 16;
  static final int MAX_WRITES = 100_000;
  static final Duration ZOOKEEPER_PATIENCE = Duration.ofSeconds(5);

  @Spec CommandSpec spec;

  @Option(names = "--nodes", paramLabel = "N",
      description = "Hosts, 2 to " + MAX_NODES + " (default 3): the leader is stopped midway, so"
          + " another must take over.")
  @WholeRange(min = 2, max = MAX_NODES)
  int nodes = 3;

  @Option(names = "--zookeeper", paramLabel = "HOST:PORT",
      description = "An ensemble's connect string (host:port[,host:port...][/chroot]); default: an"
          + " embedded server on the loopback interface.")
  String zookeeper;

  @Option(names = "--writes", paramLabel = "N",
      description = "Client writes, 1 to " + MAX_WRITES + " (default 200).")
  @WholeRange(min = 1, max = MAX_WRITES)
  int writes = 200;

  @Option(names = "--transport", paramLabel = "T",
      description = "How the store's parts talk: tcp (the Network interface, default) or grpc"
          + " (gRPC-java over mutual TLS).")
  String transport = "tcp";

  @Option(names = "--store", paramLabel = "STORE",
      description = "Which store: fenced (default) or replicated (primary-backup replicas).")
  String store = "fenced";

  @Override
  public Integer call() throws Exception {
    if (!StoreChoice.TRANSPORTS.contains(transport)) {
      throw Cli.mistake(spec, "unknown --transport \"" + transport + "\"; use tcp or grpc");
    }
    if (!StoreChoice.STORES.contains(store)) {
      throw Cli.mistake(spec, "unknown --store \"" + store + "\"; use fenced or replicated");
    }
    if (store.equals("replicated") && nodes < 3) {
      throw Cli.mistake(spec, "--store replicated needs --nodes 3 or more: the primary is stopped"
          + " midway, and the one replica left of " + nodes + " is no majority, so no write could"
          + " be acknowledged");
    }
    if (store.equals("replicated") && transport.equals("grpc")) {
      throw Cli.mistake(spec, "--transport grpc is an option of the fenced store; the replicated"
          + " store talks over the Network interface (drop --transport)");
    }
    List<InetSocketAddress> servers = null;
    if (zookeeper != null) {
      zookeeper = zookeeper.strip();
      try {
        servers = ZooKeeperAddress.parse(zookeeper);
      } catch (IllegalArgumentException e) {
        throw Cli.mistake(spec, e.getMessage());
      }
    }
    if (!"production".equals(SteelmillStoreHost.MODE)) {
      return Cli.wrongBuild(spec, "cluster run runs in the production build: drop -Psimulation");
    }
    if (zookeeper != null) {
      ZooKeeperAddress.probe(zookeeper, servers, ZOOKEEPER_PATIENCE);
      System.out.println("zookeeper: " + zookeeper);
      return run(zookeeper);
    }
    EmbeddedZooKeeper embedded = EmbeddedZooKeeper.start(); // closed through its registration
    try (OnExit.Registration onExit = OnExit.register("the embedded ZooKeeper", embedded)) {
      System.out.println("zookeeper: embedded at " + embedded.connectString());
      return run(embedded.connectString());
    }
  }

  private int run(String connect) throws Exception {
    if (store.equals("replicated")) {
      return io.steelmill.examples.replicated.ReplicatedRun.run(nodes, writes, connect, System.out)
          ? 0 : Cli.FAILURE;
    }
    return StoreRun.run(nodes, connect, writes, transport.equals("grpc"));
  }
}
