package io.steelmill.examples.cluster;

import io.steelmill.examples.Cli;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.runtime.NodeState;
import io.steelmill.zookeeper.ZooKeeperConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code cluster run --transport grpc}: the gRPC store in production mode, real gRPC over
 * loopback TCP with mutual TLS (a certificate authority generated for the run), ZooKeeper
 * leases; the leader is stopped midway and another takes over.
 */
final class GrpcClusterRun {
  private GrpcClusterRun() {}

  static int run(int nodes, String connect, int writes) throws Exception {
    List<String> hosts = IntStream.range(0, nodes).mapToObj(i -> "n" + i).toList();
    SteelmillGrpcStoreHost.Ambient ambient = SteelmillGrpcStoreHost.ambient();
    ambient.inject(StoreSettings.class, new StoreSettings(true));
    ambient.inject(StoreHosts.class, new StoreHosts(hosts));
    ambient.inject(ZooKeeperConfig.class, ZooKeeperConfig.of(connect));
    ambient.inject(GrpcConfig.class, GrpcConfig.loopback());
    Map<String, SteelmillGrpcStoreHost> running = new LinkedHashMap<>();
    try (ambient) {
      for (String name : hosts) {
        SteelmillGrpcStoreHost host = ambient.node(name);
        host.frontend(); // what each host runs; its leadership creates a leader child per lease
        host.storage();
        host.client();
        host.leadership();
        host.start();
        running.put(name, host);
      }
      System.out.println("network: gRPC on loopback, mutual TLS with certificates of a per-run"
          + " authority");
      SteelmillGrpcStoreHost any = running.values().iterator().next();
      GrpcWriterClient client = any.client();
      int acknowledged = 0;
      for (int i = 0; i < writes; i++) {
        if (i == writes / 2) {
          String leader = killLeader(running);
          System.out.println("stopped the leader " + leader + "; the others compete for its lease");
        }
        List<String> alive = running.entrySet().stream()
            .filter(e -> e.getValue().state() == NodeState.RUNNING)
            .map(Map.Entry::getKey).toList();
        if (client.write(alive, "k" + i, "v" + i, Duration.ofSeconds(30))) {
          acknowledged++;
        }
      }
      long lost = client.acknowledged().entrySet().stream()
          .filter(w -> !w.getValue().equals(any.storage().value(w.getKey())))
          .count();
      System.out.println("acknowledged writes: " + acknowledged + ", lost: " + lost);
      return lost == 0 && acknowledged == writes ? 0 : Cli.FAILURE;
    }
  }

  /** Stops the host holding the lease (waiting up to a minute for one to hold it). */
  private static String killLeader(Map<String, SteelmillGrpcStoreHost> running)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      for (Map.Entry<String, SteelmillGrpcStoreHost> host : running.entrySet()) {
        if (host.getValue().leadership().holdsLease()) {
          host.getValue().close();
          return host.getKey();
        }
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("no host acquired the lease within a minute");
  }
}
