package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.sim.SimCluster;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import java.time.Duration;

/** What the end of a simulation does to running nodes, and how test code acts as a host. */
class UnwindingTest {

  @org.junit.jupiter.api.Test
  void unwindingRunningNodesIsNotADaemonFailure() {
    Object[] ambient = new Object[1];
    SimResult result = Simulation.builder().seed(3).build().run(() -> {
      SimCluster<SteelmillEcho.Ambient, SteelmillEcho> cluster = SteelmillEchoSim.cluster(2).start();
      ambient[0] = cluster.ambient();
      Simulation.current().sleep(Duration.ofMillis(100));
      // returns with the cluster running: the simulation interrupts and unwinds its tasks
    });
    assertThat(result.failure()).isNull();
    assertThat(result.leaked()).isEmpty();
    assertThat(((SteelmillEcho.Ambient) ambient[0]).failure()).isEmpty();
  }

  @SimulationTest(seeds = 2)
  void callRethrowsWhatTheWorkThrew(Simulation sim) throws Exception {
    SimCluster<SteelmillEcho.Ambient, SteelmillEcho> cluster = SteelmillEchoSim.cluster(1).start();
    assertThat(cluster.call("n0", () -> sim.node())).isEqualTo("n0");
    assertThatThrownBy(() -> cluster.call("n0", () -> {
      throw new AssertionError("checked on n0");
    })).isInstanceOf(AssertionError.class).hasMessage("checked on n0");
    cluster.stop();
  }
}
