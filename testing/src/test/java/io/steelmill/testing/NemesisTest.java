package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.Nemesis;
import io.steelmill.sim.SimClock;
import io.steelmill.sim.SimCluster;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * The echo cluster under a nemesis that crashes and restarts hosts, partitions, pauses and skews
 * clocks: every fault lands in the trace (the harness replays the first seed and compares), and
 * the cluster keeps answering.
 */
class NemesisTest {

  @SimulationTest(factory = Echo.class, nodes = 3, seeds = 10)
  void echoesSurviveTheNemesis(Simulation sim, SimCluster<?, ?> cluster) throws Exception {
    Nemesis nemesis =
        Nemesis.on(cluster) // the network from the simulation's registry
            .clock(new SimClock()) // this test's clock has not been used yet: hand one in
            .crashes(Duration.ofSeconds(3), Duration.ofMillis(500))
            .partitions(Duration.ofSeconds(2), Duration.ofMillis(300))
            .pauses(Duration.ofSeconds(2), Duration.ofMillis(200))
            .clockSkew(Duration.ofMillis(100))
            .start();
    sim.sleep(Duration.ofSeconds(20));
    nemesis.stop();
    sim.sleep(Duration.ofSeconds(2)); // every downtime ends in a restart

    List<String> faults = nemesis.applied();
    assertThat(faults).anyMatch(f -> f.contains("crash")).anyMatch(f -> f.contains("restart"));
    assertThat(faults).anyMatch(f -> f.contains("partition"));
    assertThat(faults).anyMatch(f -> f.contains("skew"));
    for (String host : cluster.names()) {
      assertThat(cluster.isUp(host)).as(host).isTrue();
    }
    int before = ((SteelmillEcho) cluster.node("n0")).client().replies();
    sim.sleep(Duration.ofSeconds(1));
    assertThat(((SteelmillEcho) cluster.node("n0")).client().replies()).isGreaterThan(before);
  }
}
