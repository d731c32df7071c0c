package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A timer action ({@link Simulation#schedule}) is the run's own code on its carrier: the escape
 * messages tell the user to "schedule another action for later" from one, yet the simulation
 * refused it as "touched from outside the simulation" with a fix about threads and executors.
 */
class TimerActionUsesSimulationTest {
  @Test
  void anActionSchedulesTheNextOneAndReadsTheClock() {
    List<Long> fired = new ArrayList<>();
    SimResult result = Simulation.builder().seed(1).build().run(() -> {
      Simulation sim = Simulation.current();
      Runnable[] tick = new Runnable[1];
      tick[0] = () -> {
        fired.add(sim.nanoTime());
        if (fired.size() < 3) {
          sim.schedule(Duration.ofMillis(10).toNanos(), tick[0]);
        }
      };
      sim.schedule(Duration.ofMillis(10).toNanos(), tick[0]);
      sim.sleep(Duration.ofSeconds(1));
    });
    assertThat(result.failure()).isNull();
    assertThat(fired).containsExactly(10_000_000L, 20_000_000L, 30_000_000L);
  }

  /** What an action may not do, a wait, is refused in one line (not a carrier parked for good). */
  @Test
  void anActionThatWaitsIsRefusedInOneLine() {
    SimResult result = Simulation.builder().seed(1).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.schedule(Duration.ofMillis(10).toNanos(), () -> {
        try {
          sim.sleep(Duration.ofMillis(5));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      sim.sleep(Duration.ofSeconds(1));
    });
    assertThat(result.failure()).isNotNull();
    assertThat(result.failure().getMessage())
        .contains("A timer action (Simulation.schedule) waited")
        .contains("Fix: wait in a task")
        .doesNotContain("Pinned");
  }
}
