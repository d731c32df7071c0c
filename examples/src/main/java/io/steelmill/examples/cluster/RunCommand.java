package io.steelmill.examples.cluster;

import io.steelmill.zookeeper.ZooKeeperConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.curator.test.TestingServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cluster run --nodes 3 [--zookeeper host:port]}: the same store in production mode, on
 * real TCP over loopback and ZooKeeper leases; the leader is stopped midway and another takes
 * over.
 */
@Command(name = "run", description = "Run the store for real: TCP on loopback, ZooKeeper leases.")
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--nodes", description = "Hosts (default 3).")
  int nodes = 3;

  @Option(names = "--zookeeper", description = "An ensemble's connect string; default: an embedded server.")
  String zookeeper;

  @Option(names = "--writes", description = "Client writes (default 200).")
  int writes = 200;

  @Override
  public Integer call() throws Exception {
    if (!"production".equals(SteelmillStoreHost.MODE)) {
      System.out.println("cluster run runs in the production build: drop -Psimulation");
      return 2;
    }
    TestingServer embedded = zookeeper == null ? new TestingServer(true) : null;
    try {
      String connect = zookeeper != null ? zookeeper : embedded.getConnectString();
      System.out.println("zookeeper: " + (embedded != null ? "embedded at " : "") + connect);
      return run(connect);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private int run(String connect) throws Exception {
    List<String> hosts = java.util.stream.IntStream.range(0, nodes).mapToObj(i -> "n" + i).toList();
    SteelmillStoreHost.Ambient ambient = SteelmillStoreHost.ambient();
    ambient.inject(StoreSettings.class, new StoreSettings(true));
    ambient.inject(ZooKeeperConfig.class, ZooKeeperConfig.of(connect));
    Map<String, SteelmillStoreHost> running = new java.util.LinkedHashMap<>();
    try (ambient) {
      for (String name : hosts) {
        SteelmillStoreHost host = ambient.node(name);
        host.frontend(); // what each host runs; its leadership creates a leader child per lease
        host.storage();
        host.client();
        host.leadership();
        host.start();
        running.put(name, host);
      }
      SteelmillStoreHost any = running.values().iterator().next();
      WriterClient client = any.client();
      int acknowledged = 0;
      for (int i = 0; i < writes; i++) {
        if (i == writes / 2) {
          String leader = killLeader(running);
          System.out.println("stopped the leader " + leader + "; the others compete for its lease");
        }
        List<String> alive = running.entrySet().stream()
            .filter(e -> e.getValue().state() == io.steelmill.runtime.NodeState.RUNNING)
            .map(Map.Entry::getKey).toList();
        if (client.write(alive, "k" + i, "v" + i, Duration.ofSeconds(30))) {
          acknowledged++;
        }
      }
      long lost = client.acknowledged().entrySet().stream()
          .filter(w -> !w.getValue().equals(any.storage().get(w.getKey())))
          .count();
      System.out.println("acknowledged writes: " + acknowledged + ", lost: " + lost);
      return lost == 0 && acknowledged == writes ? 0 : 1;
    }
  }

  /** Stops the host holding the lease (waiting for one to hold it); returns its name. */
  private static String killLeader(Map<String, SteelmillStoreHost> running) throws InterruptedException {
    while (true) {
      for (Map.Entry<String, SteelmillStoreHost> host : running.entrySet()) {
        if (host.getValue().leadership().holdsLease()) {
          host.getValue().close();
          return host.getKey();
        }
      }
      Thread.sleep(10);
    }
  }
}
