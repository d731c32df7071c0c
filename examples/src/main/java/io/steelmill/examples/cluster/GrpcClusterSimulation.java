package io.steelmill.examples.cluster;

import io.steelmill.grpc.sim.SimGrpcChannels;
import io.steelmill.sim.Nemesis;
import io.steelmill.sim.SimClock;
import io.steelmill.sim.SimCluster;
import io.steelmill.sim.SimLeaseService;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.history.History;
import java.time.Duration;
import java.util.List;

/**
 * One seed of the gRPC store ({@code --transport grpc}) under the same nemesis as {@link
 * ClusterSimulation}: its calls cross the simulated network, so partitions, pauses, crashes and
 * lease expiries act on them. The same checks: no stale write accepted after any step, and a
 * linearizable client history at the end. Only the simulation build calls it.
 */
final class GrpcClusterSimulation {
  private GrpcClusterSimulation() {}

  static void scenario(int nodes, StoreSettings settings, Duration virtual, long[] counts,
      History[] history) throws Exception {
    Simulation sim = Simulation.current();
    List<String> hosts = SimCluster.names("n", nodes);
    SteelmillGrpcStoreHost.Ambient ambient = SteelmillGrpcStoreHost.ambient();
    ambient.inject(StoreSettings.class, settings);
    ambient.inject(StoreHosts.class, new StoreHosts(hosts));
    var cluster = SimCluster.of(ambient, SteelmillGrpcStoreHost.Ambient::node, host -> {
      host.frontend();
      host.storage();
      host.client();
      host.leadership();
    }, hosts);
    cluster.start();
    SteelmillGrpcStoreHost any = cluster.node(hosts.get(0));
    GrpcStorage storage = any.storage();
    GrpcWriterClient client = any.client();
    history[0] = client.history();
    sim.invariant("no stale write accepted", () -> {
      List<String> violations = storage.violations();
      if (!violations.isEmpty()) {
        throw new IllegalStateException(violations.get(0));
      }
    });
    SimLeaseService leases = (SimLeaseService) any.getLeaseService();
    Nemesis nemesis =
        Nemesis.on(cluster)
            .network(((SimGrpcChannels) any.getGrpcChannels()).network())
            .clock((SimClock) any.getClock())
            .crashes(Duration.ofSeconds(8), Duration.ofSeconds(1))
            .partitions(Duration.ofSeconds(4), Duration.ofMillis(800))
            .pauses(Duration.ofSeconds(2), Duration.ofMillis(900))
            .clockSkew(Duration.ofMillis(100))
            .leaseExpiries(leases, Topology.RESOURCE, Duration.ofSeconds(5))
            .start();
    long end = sim.nanoTime() + virtual.toNanos();
    for (int i = 0; sim.nanoTime() < end; i++) {
      if (client.write(hosts, "k" + (i % ClusterSimulation.KEYS), "v" + i,
          Duration.ofSeconds(2))) {
        counts[0]++;
      }
      client.read(hosts, "k" + ((i * 3 + 1) % ClusterSimulation.KEYS), Duration.ofSeconds(2));
      counts[1] = storage.rejected();
    }
    nemesis.stop();
    // a lost acknowledged write shows as a final read of an older value: the checker sees it
    for (int k = 0; k < ClusterSimulation.KEYS; k++) {
      client.read(hosts, "k" + k, Duration.ofSeconds(10));
    }
    counts[1] = storage.rejected();
    cluster.stop();
  }
}
