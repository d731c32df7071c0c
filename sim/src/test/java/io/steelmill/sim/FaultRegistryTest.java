package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Simulated components built inside a run register with it; a nemesis finds them there. */
class FaultRegistryTest {

  @Test
  void componentsBuiltInsideTheRunRegisterThemselves() {
    SimNetwork outside = new SimNetwork();
    SimResult result = Simulation.builder().seed(1).build().run(() -> {
      Simulation sim = Simulation.current();
      SimNetwork network = new SimNetwork();
      SimClock clock = new SimClock();
      SimDisk disk = new SimDisk();
      SimLeaseService leases = new SimLeaseService(network, clock);
      FaultRegistry faults = sim.components();
      assertThat(faults.only(SimNetwork.class)).isSameAs(network).isNotSameAs(outside);
      assertThat(faults.only(SimClock.class)).isSameAs(clock);
      assertThat(faults.only(SimDisk.class)).isSameAs(disk);
      assertThat(faults.only(SimLeaseService.class)).isSameAs(leases);
      assertThat(faults.all(Object.class)).containsExactly(network, clock, disk, leases);
    });
    assertThat(result.failure()).isNull();
  }

  @Test
  void noneOrSeveralIsAnErrorThatSaysHowToPick() {
    SimResult result = Simulation.builder().seed(2).build().run(() -> {
      Simulation sim = Simulation.current();
      assertThatThrownBy(() -> sim.components().only(SimNetwork.class))
          .isInstanceOf(SimulationException.class)
          .hasMessageContaining("found 0: none was built inside the run")
          .hasMessageContaining("Fix: hand the nemesis the one to use");
      new SimClock();
      new SimClock();
      assertThatThrownBy(() -> sim.components().only(SimClock.class))
          .hasMessageContaining("Expected one SimClock in this simulation, found 2.");
    });
    assertThat(result.failure()).isNull();
  }
}
