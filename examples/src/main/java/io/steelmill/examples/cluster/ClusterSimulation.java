package io.steelmill.examples.cluster;

import io.steelmill.sim.Nemesis;
import io.steelmill.sim.SimClock;
import io.steelmill.sim.SimCluster;
import io.steelmill.sim.SimLeaseService;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.Trace;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One seed of the fenced store under a nemesis: partitions, pauses, clock skew, crashes and
 * lease expiries, while a client writes. After every step: no stale write was accepted; at the
 * end: every acknowledged write is in the storage. Only the simulation build calls it.
 */
final class ClusterSimulation {
  /** What a seed did. */
  record Outcome(SimResult result, long acknowledged, long rejected) {}

  private ClusterSimulation() {}

  static Outcome run(long seed, int nodes, boolean fenced, Duration virtual, Trace.Level trace) {
    long[] counts = new long[2];
    SimResult result =
        Simulation.builder().seed(seed).maxVirtualTime(virtual.plusMinutes(5)).trace(trace).build()
            .run(() -> scenario(nodes, fenced, virtual, counts));
    return new Outcome(result, counts[0], counts[1]);
  }

  private static void scenario(int nodes, boolean fenced, Duration virtual, long[] counts)
      throws Exception {
    Simulation sim = Simulation.current();
    List<String> hosts = SimCluster.names("n", nodes);
    SteelmillStoreHost.Ambient ambient = SteelmillStoreHost.ambient();
    ambient.inject(StoreSettings.class, new StoreSettings(fenced));
    // every host runs these; its leadership creates a leader child per lease it wins
    var cluster = SimCluster.of(ambient, SteelmillStoreHost.Ambient::node, host -> {
      host.frontend();
      host.storage();
      host.client();
      host.leadership();
    }, hosts);
    cluster.start();
    SteelmillStoreHost any = cluster.node(hosts.get(0));
    Storage storage = any.storage();
    WriterClient client = any.client();
    sim.invariant("no stale write accepted", () -> {
      List<String> violations = storage.violations();
      if (!violations.isEmpty()) {
        throw new IllegalStateException(violations.get(0));
      }
    });
    SimLeaseService leases = (SimLeaseService) any.getLeaseService();
    Nemesis nemesis =
        Nemesis.on(cluster)
            .network((SimNetwork) any.getNetwork())
            .clock((SimClock) any.getClock())
            .crashes(Duration.ofSeconds(8), Duration.ofSeconds(1))
            .partitions(Duration.ofSeconds(4), Duration.ofMillis(800))
            .pauses(Duration.ofSeconds(2), Duration.ofMillis(900))
            .clockSkew(Duration.ofMillis(100))
            .leaseExpiries(leases, Topology.RESOURCE, Duration.ofSeconds(5))
            .start();
    long end = sim.nanoTime() + virtual.toNanos();
    for (int i = 0; sim.nanoTime() < end; i++) {
      client.write(hosts, "k" + i, "v" + i, Duration.ofSeconds(2));
      counts[0] = client.acknowledged().size();
      counts[1] = storage.rejected();
    }
    nemesis.stop();
    for (Map.Entry<String, String> write : client.acknowledged().entrySet()) {
      if (!write.getValue().equals(storage.get(write.getKey()))) {
        throw new AssertionError("acknowledged write lost: " + write.getKey() + "=" + write.getValue());
      }
    }
    counts[0] = client.acknowledged().size();
    counts[1] = storage.rejected();
    cluster.stop();
  }
}
