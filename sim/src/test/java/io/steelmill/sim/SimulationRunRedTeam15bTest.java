package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The red team of 2026-12-01 (redteam15b) against issue 5's kernel: a simulation started from
 * inside a simulation, and one {@link Simulation} run twice.
 */
class SimulationRunRedTeam15bTest {

  /** Seed 5, whose main task runs seed 6 inside it: the outcome and hash, run after run. */
  private static String nested(boolean fromTimerAction) {
    SimResult result = Simulation.builder().seed(5).build().run(() -> {
      Simulation outer = Simulation.current();
      outer.sleep(Duration.ofMillis(3));
      Simulation.Body inner = () -> {
        SimResult innerResult = Simulation.builder().seed(6).build().run(() ->
            Simulation.current().sleep(Duration.ofMillis(7)));
        outer.trace("inner ran: " + innerResult.succeeded());
      };
      if (fromTimerAction) {
        outer.schedule(1_000, () -> {
          try {
            inner.run();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        outer.sleep(Duration.ofMillis(1));
      } else {
        inner.run();
      }
    });
    return String.valueOf(result.failure()) + "\n" + result.traceSha256();
  }

  /**
   * A run started from a task blocked the outer run's only carrier in real time: the first run
   * in a JVM failed with an escape naming the kernel's own thread ("started a platform thread
   * (io.steelmill.sim.OwnThread) at io.steelmill.sim.CarrierSpacers"), later ones with "a
   * wake-up came from outside"; from a timer action alike. Now it is refused where it is called,
   * with the same message and hash every run.
   */
  @Test
  void aSimulationStartedInsideASimulationIsRefusedTheSameWayEveryRun() {
    for (boolean timer : new boolean[] {false, true}) {
      List<String> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(nested(timer));
      }
      assertThat(runs).containsOnly(runs.get(0));
      assertThat(runs.get(0)).contains("Simulation.run of seed 6 was called inside the run of"
          + " seed 5 (" + (timer ? "a timer action" : "task #0 main") + "): a simulation cannot"
          + " run inside another").contains("Fix: run simulations one after another")
          .doesNotContain("OwnThread", "wake-up came from outside");
    }
  }

  /**
   * A second run of one {@link Simulation} went on from the end of the first: virtual time 6 ms
   * where a run of 3 ms was asked, twice the steps, another hash, and no error. It is refused.
   */
  @Test
  void aSimulationRunsOnce() {
    Simulation simulation = Simulation.builder().seed(5).build();
    Simulation.Body body = () -> Simulation.current().sleep(Duration.ofMillis(3));
    SimResult first = simulation.run(body);
    assertThat(first.succeeded()).isTrue();
    assertThatThrownBy(() -> simulation.run(body)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("This Simulation (seed 5) has run already")
        .hasMessageContaining("Fix: build one Simulation per run");
    SimResult fresh = Simulation.builder().seed(5).build().run(body);
    assertThat(fresh.traceSha256()).isEqualTo(first.traceSha256());
    assertThat(fresh.virtualTime()).isEqualTo(Duration.ofMillis(3));
  }
}
