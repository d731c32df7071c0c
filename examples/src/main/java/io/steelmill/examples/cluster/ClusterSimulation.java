package io.steelmill.examples.cluster;

import io.steelmill.examples.replicated.ReplicatedSettings;
import io.steelmill.examples.replicated.ReplicatedSimulation;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.FaultMask;
import io.steelmill.sim.Nemesis;
import io.steelmill.sim.SimCluster;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.Trace;
import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.History;
import io.steelmill.sim.history.LinearizabilityChecker;
import io.steelmill.sim.history.Models;
import io.steelmill.sim.history.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * One seed of the fenced store under a nemesis: partitions, pauses, clock skew, crashes and
 * lease expiries, while a client writes and reads a few keys. After every step: no stale write
 * was accepted; at the end: the client's history is linearizable (a lost acknowledged write or a
 * stale read makes it not). Only the simulation build calls it.
 */
final class ClusterSimulation {
  /** Keys the client writes and reads (few, so that values are overwritten and read back). */
  static final int KEYS = 5;

  /**
   * What a seed did: the simulation's result, the client's history and its linearizability
   * verdict (checked after the run, outside virtual time), and the counts.
   */
  record Outcome(SimResult result, History history, CheckResult check, long acknowledged,
      long rejected, FaultLedger faults, List<String> hosts) {
    /** True when the run and the history check both passed. */
    boolean passed() {
      return result.succeeded() && check.verdict() == Verdict.LINEARIZABLE;
    }
  }

  /** No replay mask, no BUGGIFY, no timeline: a plain run of the seed. */
  static final FaultLedger.Options NO_FAULT_OPTIONS =
      new FaultLedger.Options(FaultMask.ALL, false, false);

  private ClusterSimulation() {}

  static Outcome run(long seed, int nodes, StoreSettings settings, Duration virtual,
      Trace.Level trace) {
    return run(seed, nodes, settings, virtual, trace, false, NO_FAULT_OPTIONS);
  }

  /**
   * One seed of the fenced store, its history checked: {@code grpc} for the host whose parts talk
   * gRPC ({@link GrpcStoreHost}), {@code faults} for a replay mask, BUGGIFY and a timeline.
   */
  static Outcome run(long seed, int nodes, StoreSettings settings, Duration virtual,
      Trace.Level trace, boolean grpc, FaultLedger.Options faults) {
    long[] counts = new long[2];
    History[] history = new History[1];
    Simulation simulation = Simulation.builder().seed(seed).maxVirtualTime(virtual.plusMinutes(5))
        .trace(trace).faults(faults).build();
    SimResult result = simulation.run(() -> {
      scenario(nodes, settings, virtual, counts, history, grpc);
    });
    History recorded = history[0] == null ? History.of(List.of()) : history[0];
    return new Outcome(result, recorded, check(recorded), counts[0], counts[1],
        simulation.faults(), SimCluster.names("n", nodes));
  }

  /** One seed of the replicated store ({@code --store replicated}), its history checked. */
  static Outcome runReplicated(long seed, int nodes, ReplicatedSettings.Bug bug, Duration virtual,
      Trace.Level trace, FaultLedger.Options faults) {
    ReplicatedSimulation.Outcome run =
        ReplicatedSimulation.run(seed, nodes, bug, virtual, trace, faults);
    return new Outcome(run.result(), run.history(), check(run.history()), run.acknowledged(),
        run.rejected(), run.faults(), SimCluster.names("n", nodes));
  }

  /** The history's verdict under the {@code kv} model (after the run, outside virtual time). */
  private static CheckResult check(History history) {
    return new LinearizabilityChecker(Models.named("kv"), Duration.ofSeconds(30)).check(history);
  }

  private static void scenario(int nodes, StoreSettings settings, Duration virtual, long[] counts,
      History[] history, boolean grpc) throws Exception {
    Simulation sim = Simulation.current();
    List<String> hosts = SimCluster.names("n", nodes);
    // every host runs its parts; its leadership creates a leader child per lease it wins
    SimCluster<?, ?> cluster = grpc ? grpcCluster(settings, hosts) : cluster(settings, hosts);
    cluster.start();
    StoreParts any = parts(cluster.node(hosts.get(0)));
    Storage storage = any.storage();
    WriterClient client = any.client();
    history[0] = client.history();
    sim.invariant("no stale write accepted", () -> {
      List<String> violations = storage.violations();
      if (!violations.isEmpty()) {
        throw new IllegalStateException(violations.get(0));
      }
    });
    Nemesis nemesis =
        Nemesis.on(cluster) // finds the simulation's network, clock and leases itself
            .crashes(Duration.ofSeconds(8), Duration.ofSeconds(1))
            .partitions(Duration.ofSeconds(4), Duration.ofMillis(800))
            .pauses(Duration.ofSeconds(2), Duration.ofMillis(900))
            .clockSkew(Duration.ofMillis(100))
            .leaseExpiries(Topology.RESOURCE, Duration.ofSeconds(5))
            .start();
    long end = sim.nanoTime() + virtual.toNanos();
    for (int i = 0; sim.nanoTime() < end; i++) {
      if (client.write(hosts, "k" + (i % KEYS), "v" + i, Duration.ofSeconds(2))) {
        counts[0]++;
      }
      client.read(hosts, "k" + ((i * 3 + 1) % KEYS), Duration.ofSeconds(2));
      counts[1] = storage.rejected();
    }
    nemesis.stop();
    // a lost acknowledged write shows as a final read of an older value: the checker sees it
    for (int k = 0; k < KEYS; k++) {
      client.read(hosts, "k" + k, Duration.ofSeconds(10));
    }
    counts[1] = storage.rejected();
    cluster.stop();
  }

  /** Hosts whose parts talk over the simulated {@code Network}. */
  private static SimCluster<?, ?> cluster(StoreSettings settings, List<String> hosts) {
    SteelmillStoreHost.Ambient ambient = SteelmillStoreHost.ambient();
    ambient.inject(StoreSettings.class, settings);
    return SimCluster.of(ambient, SteelmillStoreHost.Ambient::node, StoreParts::of, hosts);
  }

  /** Hosts whose parts talk gRPC over the simulated transport ({@code --transport grpc}). */
  private static SimCluster<?, ?> grpcCluster(StoreSettings settings, List<String> hosts) {
    SteelmillGrpcStoreHost.Ambient ambient = SteelmillGrpcStoreHost.ambient();
    ambient.inject(StoreSettings.class, settings);
    ambient.inject(StoreHosts.class, new StoreHosts(hosts));
    ambient.inject(GrpcConfig.class, GrpcConfig.loopback()); // its timings; no certificate made
    return SimCluster.of(ambient, SteelmillGrpcStoreHost.Ambient::node, StoreParts::of, hosts);
  }

  private static StoreParts parts(Object host) {
    return host instanceof SteelmillGrpcStoreHost grpcHost
        ? StoreParts.of(grpcHost) : StoreParts.of((SteelmillStoreHost) host);
  }
}
