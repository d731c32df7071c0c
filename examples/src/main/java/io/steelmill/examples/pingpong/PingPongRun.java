package io.steelmill.examples.pingpong;

import io.steelmill.sim.SimCluster;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * Runs the pingpong cluster in a simulation. Only the simulation build calls it, so the
 * production build never loads a simulation class.
 */
final class PingPongRun {
  /** What one run measured. */
  record Figures(
      long seed,
      long wallNanos,
      long delivered, long answered, long timeouts, double messagesPerSecond, double compression,
      String traceSha256, String chaos, String stats, Throwable failure) {

    String render() {
      StringBuilder out = new StringBuilder();
      out.append("delivered: ").append(delivered).append('\n');
      out.append("messages/s: ").append(Math.round(messagesPerSecond)).append('\n');
      out.append("compression: ").append(Math.round(compression)).append("x\n");
      out.append("trace sha256: ").append(traceSha256).append('\n');
      out.append("pings answered: ").append(answered).append(", timeouts: ").append(timeouts)
          .append('\n');
      out.append("faults: ").append(chaos);
      if (failure != null) {
        out.append("\nfailure: ").append(failure);
      }
      return out.toString();
    }
  }

  private PingPongRun() {}

  static Figures run(long seed, int nodes, Duration virtual) {
    Object[] seen = new Object[2];
    SimResult result =
        Simulation.builder().seed(seed).maxVirtualTime(virtual.plusMinutes(1)).build().run(() -> {
          List<String> names = SimCluster.names("n", nodes);
          Peers peers = new Peers(names);
          var cluster =
              SimCluster.of(
                  SteelmillPingPong.ambient(),
                  SteelmillPingPong.Ambient::node,
                  node -> {
                    node.inject(Peers.class, peers);
                    node.pinger();
                    node.ponger();
                    node.chaos();
                  },
                  names);
          cluster.start();
          Simulation.current().sleep(virtual);
          SteelmillPingPong first = cluster.node(names.get(0));
          seen[0] = first.stats();
          seen[1] = first.chaos().summary();
          cluster.stop();
        });
    Stats stats = (Stats) seen[0];
    double wallSeconds = result.wallNanos() / 1e9;
    long delivered = stats == null ? 0 : stats.delivered();
    return new Figures(
        seed,
        result.wallNanos(),
        delivered,
        stats == null ? 0 : stats.answered(),
        stats == null ? 0 : stats.timeouts(),
        delivered / wallSeconds,
        result.compression(),
        result.traceSha256(),
        String.valueOf(seen[1]),
        String.valueOf(stats),
        result.failure());
  }
}
