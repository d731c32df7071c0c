package io.steelmill.examples.replicated;

import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.FaultMask;

import io.steelmill.sim.Nemesis;
import io.steelmill.sim.SimCluster;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.SplitMix64;
import io.steelmill.sim.Trace;
import io.steelmill.sim.history.History;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One seed of the replicated store under a nemesis (crashes, partitions, pauses, clock skew and
 * forced lease expiries) while {@link KvClient#SESSIONS} client sessions write and read a few
 * keys at once; then, faults over, a final read of every key (a lost acknowledged write shows
 * there). The caller checks the history. Only the simulation build calls it.
 */
public final class ReplicatedSimulation {
  /** Keys the sessions write and read (few, so that values are overwritten and read back). */
  static final int KEYS = 5;

  /** A session waits up to this long between requests, so sessions interleave unevenly. */
  static final int THINK_MILLIS = 40;

  /**
   * What a seed did.
   *
   * @param result the simulation's result
   * @param history the client's history (empty if the run failed before the client started)
   * @param acknowledged writes acknowledged to the client
   * @param rejected messages of a deposed primary that the replicas refused
   */
  public record Outcome(SimResult result, History history, long acknowledged, long rejected,
      FaultLedger faults) {}

  private ReplicatedSimulation() {}

  /** Runs seed {@code seed} with {@code nodes} hosts for {@code virtual} time. */
  public static Outcome run(long seed, int nodes, ReplicatedSettings.Bug bug, Duration virtual,
      Trace.Level trace) {
    return run(seed, nodes, bug, virtual, trace, new FaultLedger.Options(FaultMask.ALL, false,
        false));
  }

  /** One seed with {@code faults}: a replay mask, BUGGIFY on or off, a timeline or not. */
  public static Outcome run(long seed, int nodes, ReplicatedSettings.Bug bug, Duration virtual,
      Trace.Level trace, FaultLedger.Options faults) {
    long[] counts = new long[2];
    History[] history = new History[1];
    Simulation simulation = Simulation.builder().seed(seed).maxVirtualTime(virtual.plusMinutes(5))
        .trace(trace).faults(faults).build();
    SimResult result = simulation.run(() -> scenario(nodes, bug, virtual, counts, history));
    History recorded = history[0] == null ? History.of(List.of()) : history[0];
    return new Outcome(result, recorded, counts[0], counts[1], simulation.faults());
  }

  private static void scenario(int nodes, ReplicatedSettings.Bug bug, Duration virtual,
      long[] counts, History[] history) throws Exception {
    Simulation sim = Simulation.current();
    List<String> hosts = SimCluster.names("n", nodes);
    SteelmillReplicatedHost.Ambient ambient = SteelmillReplicatedHost.ambient();
    ambient.inject(ReplicatedSettings.class, ReplicatedSettings.of(hosts, bug));
    var cluster = SimCluster.of(ambient, SteelmillReplicatedHost.Ambient::node, host -> {
      host.frontend();
      host.replica();
      host.bid();
      host.client();
      host.tally();
    }, hosts);
    cluster.start();
    SteelmillReplicatedHost any = cluster.node(hosts.get(0));
    KvClient client = any.client();
    ReplicaTally tally = any.tally();
    history[0] = client.history();
    Nemesis nemesis =
        Nemesis.on(cluster) // finds the simulation's network, clock and leases itself
            .crashes(Duration.ofSeconds(8), Duration.ofSeconds(1))
            .partitions(Duration.ofSeconds(4), Duration.ofMillis(800))
            .pauses(Duration.ofSeconds(2), Duration.ofMillis(900))
            .clockSkew(Duration.ofMillis(100))
            .leaseExpiries(PrimaryBid.RESOURCE, Duration.ofSeconds(5))
            .start();
    long end = sim.nanoTime() + virtual.toNanos();
    SplitMix64 random = sim.random("sessions");
    CountDownLatch done = new CountDownLatch(KvClient.SESSIONS);
    for (int s = 0; s < KvClient.SESSIONS; s++) {
      int session = s;
      SplitMix64 mine = random.fork("session-" + s);
      sim.spawn("session-" + s, () -> {
        try {
          session(sim, client, session, hosts, mine, end, counts);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    nemesis.stop();
    for (int k = 0; k < KEYS; k++) {
      client.read(0, hosts, k, "k" + k, Duration.ofSeconds(10));
    }
    counts[1] = tally.staleRejected();
    cluster.stop();
  }

  /** One session: until {@code end}, a write or a read of a random key, a write in two. */
  private static void session(Simulation sim, KvClient client, int session, List<String> hosts,
      SplitMix64 random, long end, long[] counts) throws InterruptedException {
    for (int i = 0; sim.nanoTime() < end; i++) {
      sim.sleep(Duration.ofMillis(random.nextInt(THINK_MILLIS)));
      String key = "k" + random.nextInt(KEYS);
      int start = random.nextInt(hosts.size());
      if (random.chance(0.5)) {
        if (client.write(session, hosts, start, key, "s" + session + "v" + i,
            Duration.ofSeconds(2))) {
          counts[0]++;
        }
      } else {
        client.read(session, hosts, start, key, Duration.ofSeconds(2));
      }
    }
  }
}
