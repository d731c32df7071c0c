package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.Simulation;
import io.steelmill.testing.Host;
import io.steelmill.testing.SimulationTest;
import java.time.Duration;

/**
 * The simulation build ({@code mvn verify -Psimulation}): each seed runs two nodes in virtual
 * time, deterministically. A failure prints the seed and the command that replays it.
 */
class AppSimulationTest {

  @SimulationTest(factory = App.class, nodes = 2, seeds = 10)
  void aSteadyHeartbeatRaisesNoAlarm(
      Simulation sim, @Host("n0") Monitor monitor, @Host("n0") Alarm alarm) throws Exception {
    sim.sleep(Duration.ofSeconds(20));

    // one beat every 100 ms of virtual time
    assertThat(monitor.beats()).isBetween(190L, 201L);
    assertThat(((RecordingAlarm) alarm).raised()).isEmpty();
  }
}
