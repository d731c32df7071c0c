package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.SimCluster;
import io.steelmill.sim.SimLeaseService;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.List;

/** A child lives exactly as long as its lease: acquire, lose, re-acquire with a higher token. */
class LeaseScopeTest {

  @SimulationTest(seeds = 5)
  void childFollowsTheLease(Simulation sim) throws Exception {
    SimCluster<SteelmillLeased.Ambient, SteelmillLeased> cluster =
        SteelmillLeasedSim.cluster(List.of("h0"), host -> {});
    cluster.start();
    SteelmillLeased host = cluster.node("h0");
    List<String> events = host.journal().events;
    SimLeaseService leases = cluster.ambient().getSimLeaseService();
    SimNetwork network = cluster.ambient().getSimNetwork();

    sim.sleep(Duration.ofSeconds(1));
    assertThat(events).containsExactly("prepare Recorder token 1", "prepare Worker token 1");

    leases.expire("resource");                       // lost: stopped in reverse, then token 2
    sim.sleep(Duration.ofSeconds(1));
    assertThat(events.subList(2, 6)).containsExactly(
        "stop Worker token 1 (lease no longer valid)", "stop Recorder token 1",
        "prepare Recorder token 2", "prepare Worker token 2");

    network.cutOneWay("h0", "ambient");             // in doubt: stopped before the deadline
    sim.sleep(Duration.ofMillis(250));
    assertThat(events).contains("stop Worker token 2 (lease no longer valid)", "stop Recorder token 2");
    network.heal();
    sim.sleep(Duration.ofSeconds(2));
    assertThat(events.get(events.size() - 1)).isEqualTo("prepare Worker token 3");
    cluster.stop();
    assertThat(events.get(events.size() - 1)).isEqualTo("stop Recorder token 3");
  }
}
