package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.SimCluster;
import io.steelmill.sim.Simulation;
import java.time.Duration;

/** The generated {@code SteelmillEchoSim}: typed clusters, no class lookups, no casts. */
class TypedHarnessTest {

  @SimulationTest(seeds = 3)
  void typedClusterReachesEachNodesDaemons(Simulation sim) throws Exception {
    SimCluster<SteelmillEcho.Ambient, SteelmillEcho> cluster = SteelmillEchoSim.cluster(3).start();
    sim.sleep(Duration.ofSeconds(1));

    for (String host : cluster.names()) {
      Echo.Client client = cluster.node(host).client();
      assertThat(client.replies()).as(host).isPositive();
    }
    assertThat(cluster.ambient().getSimNetwork().delivered()).isPositive();
    cluster.stop();
  }
}
