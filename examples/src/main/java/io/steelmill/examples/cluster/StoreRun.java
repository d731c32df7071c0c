package io.steelmill.examples.cluster;

import io.steelmill.examples.Cli;
import io.steelmill.examples.OnExit;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.runtime.NodeState;
import io.steelmill.zookeeper.ZooKeeperConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * {@code cluster run} of the fenced store in production mode, over either transport: loopback TCP
 * with peers authenticated by a per-run secret ({@link StoreHost}), or real gRPC over loopback
 * with mutual TLS and a certificate authority generated for the run ({@link GrpcStoreHost});
 * ZooKeeper leases; the leader is stopped midway and another takes over.
 */
final class StoreRun {
  private StoreRun() {}

  /** Runs {@code nodes} hosts and {@code writes} writes; 0 when none was lost. */
  static int run(int nodes, String connect, int writes, boolean grpc) throws Exception {
    List<String> hosts = IntStream.range(0, nodes).mapToObj(i -> "n" + i).toList();
    StoreSettings settings = new StoreSettings(true);
    if (grpc) {
      SteelmillGrpcStoreHost.Ambient ambient = SteelmillGrpcStoreHost.ambient();
      try (OnExit.Registration onExit = OnExit.register("the cluster", ambient)) {
        ambient.inject(StoreSettings.class, settings);
        ambient.inject(StoreHosts.class, new StoreHosts(hosts));
        ambient.inject(ZooKeeperConfig.class, ZooKeeperConfig.of(connect));
        ambient.inject(GrpcConfig.class, GrpcConfig.loopback());
        return run(hosts, name -> StoreParts.of(ambient.node(name)), writes, "network: gRPC on"
            + " loopback, mutual TLS with certificates of a per-run authority");
      }
    }
    SteelmillStoreHost.Ambient ambient = SteelmillStoreHost.ambient();
    try (OnExit.Registration onExit = OnExit.register("the cluster", ambient)) {
      ambient.inject(StoreSettings.class, settings);
      ambient.inject(ZooKeeperConfig.class, ZooKeeperConfig.of(connect));
      return run(hosts, name -> StoreParts.of(ambient.node(name)), writes,
          "network: loopback TCP, peers authenticated with a per-run secret");
    }
  }

  private static int run(List<String> hosts, Function<String, StoreParts> newHost, int writes,
      String network) throws Exception {
    Map<String, StoreParts> running = new LinkedHashMap<>();
    for (String name : hosts) {
      // what each host runs; its leadership creates a leader child per lease
      StoreParts host = newHost.apply(name);
      host.host().start();
      running.put(name, host);
    }
    System.out.println(network);
    StoreParts any = running.values().iterator().next();
    WriterClient client = any.client();
    int acknowledged = 0;
    for (int i = 0; i < writes; i++) {
      if (i == writes / 2) {
        String leader = killLeader(running);
        System.out.println("stopped the leader " + leader + "; the others compete for its lease");
      }
      List<String> alive = running.entrySet().stream()
          .filter(e -> e.getValue().host().state() == NodeState.RUNNING)
          .map(Map.Entry::getKey).toList();
      if (client.write(alive, "k" + i, "v" + i, Duration.ofSeconds(30))) {
        acknowledged++;
      }
    }
    long lost = client.acknowledged().entrySet().stream()
        .filter(w -> !w.getValue().equals(any.storage().get(w.getKey())))
        .count();
    System.out.println("acknowledged writes: " + acknowledged + ", lost: " + lost);
    return lost == 0 && acknowledged == writes ? 0 : Cli.FAILURE;
  }

  /** Stops the host holding the lease (waiting up to a minute for one to hold it). */
  private static String killLeader(Map<String, StoreParts> running) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      for (Map.Entry<String, StoreParts> host : running.entrySet()) {
        if (host.getValue().leadership().holdsLease()) {
          host.getValue().host().close();
          return host.getKey();
        }
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("no host acquired the lease within a minute");
  }
}
