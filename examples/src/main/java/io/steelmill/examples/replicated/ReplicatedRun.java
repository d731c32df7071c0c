package io.steelmill.examples.replicated;

import io.steelmill.examples.Folders;
import io.steelmill.examples.OnExit;
import io.steelmill.platform.DiskConfig;
import io.steelmill.runtime.NodeState;
import io.steelmill.zookeeper.ZooKeeperConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code cluster run --store replicated}: the replicated store in production mode, each host's
 * replica in its own folder under a fresh temporary directory (fsync'd files), leases from
 * ZooKeeper, hosts over loopback TCP. The primary is stopped midway; another takes over with
 * every acknowledged write, which the client reads back at the end.
 */
public final class ReplicatedRun {
  /**
   * How long a write is sent again after unknown outcomes (the same value: idempotent). A bound
   * of time, not of attempts: an attempt waits 200 ms for its reply, which a loaded machine's
   * fsync and replication can take several times over while a takeover is under way.
   */
  static final Duration WRITE_PATIENCE = Duration.ofMinutes(1);

  private ReplicatedRun() {}

  /** Runs {@code nodes} hosts and {@code writes} writes; true when nothing was lost. */
  public static boolean run(int nodes, int writes, String zookeeper, PrintStream out)
      throws Exception {
    Path root = Files.createTempDirectory("steelmill-replicas");
    try (OnExit.Registration folders =
        OnExit.register("the replicas' folders", () -> Folders.deleteTree(root))) {
      return run(nodes, writes, zookeeper, root, out);
    }
  }

  private static boolean run(int nodes, int writes, String zookeeper, Path root, PrintStream out)
      throws Exception {
    List<String> hosts = IntStream.range(0, nodes).mapToObj(i -> "n" + i).toList();
    SteelmillReplicatedHost.Ambient ambient = SteelmillReplicatedHost.ambient();
    ambient.inject(ReplicatedSettings.class,
        ReplicatedSettings.of(hosts, ReplicatedSettings.Bug.NONE));
    ambient.inject(ZooKeeperConfig.class, ZooKeeperConfig.of(zookeeper));
    ambient.inject(DiskConfig.class, new DiskConfig(root));
    Map<String, SteelmillReplicatedHost> running = new LinkedHashMap<>();
    try (OnExit.Registration cluster = OnExit.register("the cluster", ambient)) {
      for (String name : hosts) {
        SteelmillReplicatedHost host = ambient.node(name);
        host.frontend();
        host.replica();
        host.bid();
        host.client();
        host.tally();
        host.start();
        running.put(name, host);
      }
      out.println("network: loopback TCP, peers authenticated with a per-run secret");
      out.println("replicas: one folder per host under a temporary directory, fsync'd");
      KvClient client = running.values().iterator().next().client();
      Map<String, String> acknowledged = new LinkedHashMap<>();
      for (int i = 0; i < writes; i++) {
        if (i == writes / 2) {
          out.println("stopped the primary " + stopPrimary(running)
              + "; the others compete for its lease");
        }
        String key = "k" + (i % 10);
        write(client, alive(running), key, "v" + i);
        acknowledged.put(key, "v" + i);
      }
      long lost = 0;
      for (Map.Entry<String, String> write : acknowledged.entrySet()) {
        String read = client.read(0, alive(running), 0, write.getKey(), Duration.ofSeconds(30));
        lost += write.getValue().equals(read) ? 0 : 1;
      }
      out.println("acknowledged writes: " + writes + ", takeovers: "
          + running.values().iterator().next().tally().takeovers() + ", keys read back: "
          + acknowledged.size() + ", lost: " + lost);
      return lost == 0;
    }
  }

  private static boolean write(KvClient client, List<String> alive, String key, String value)
      throws InterruptedException {
    long deadline = System.nanoTime() + WRITE_PATIENCE.toNanos();
    int attempts = 0;
    do {
      attempts++;
      if (client.write(0, alive, 0, key, value, Duration.ofSeconds(30))) {
        return true;
      }
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException("the store did not acknowledge " + key + "=" + value
        + " in " + attempts + " attempts over " + WRITE_PATIENCE.toSeconds() + " s");
  }

  private static List<String> alive(Map<String, SteelmillReplicatedHost> running) {
    return running.entrySet().stream()
        .filter(e -> e.getValue().state() == NodeState.RUNNING)
        .map(Map.Entry::getKey).toList();
  }

  /** Stops the host holding the primary lease (waiting up to a minute for one to hold it). */
  private static String stopPrimary(Map<String, SteelmillReplicatedHost> running)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      for (Map.Entry<String, SteelmillReplicatedHost> host : running.entrySet()) {
        if (host.getValue().bid().holdsLease()) {
          host.getValue().close();
          return host.getKey();
        }
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("no host acquired the primary lease within a minute");
  }
}
