package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A timer action ({@link Simulation#schedule}) runs on the carrier, outside any task. One that
 * threw ended the run loop, not the run: the carrier died, the main task never finished, and the
 * run came back with no failure, a pass. It must fail the run, naming the timer, and unwind.
 */
class TimerActionHostileTest {

  @Test
  void aTimerActionThatThrowsFailsTheRunNamingIt() {
    List<String> seen = new CopyOnWriteArrayList<>();
    SimResult result = Simulation.builder().seed(6).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.schedule(1_000, () -> {
        throw new IllegalStateException("boom in a timer");
      });
      sim.sleep(Duration.ofSeconds(1));
      seen.add("main ended");
    });
    assertThat(result.failure()).isNotNull();
    assertThat(result.failure().getMessage()).contains("timer", "boom in a timer")
        .doesNotContain("\n");
    assertThat(result.leaked()).isEmpty();
    SimResult again = Simulation.builder().seed(6).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.schedule(1_000, () -> {
        throw new IllegalStateException("boom in a timer");
      });
      sim.sleep(Duration.ofSeconds(1));
    });
    assertThat(again.traceSha256()).isEqualTo(result.traceSha256());
  }

  @Test
  void aTimerActionThatThrowsAnErrorBesideAPassingRunFailsOnlyItsOwn() throws Exception {
    try (ExecutorService two = Executors.newFixedThreadPool(2)) {
      var failing = two.submit(() -> Simulation.builder().seed(7).build().run(() -> {
        Simulation sim = Simulation.current();
        sim.schedule(1_000, () -> {
          throw new StackOverflowError("deep in a timer");
        });
        sim.sleep(Duration.ofSeconds(1));
      }));
      var passing = two.submit(() -> Simulation.builder().seed(7).build().run(() -> {
        Simulation.current().sleep(Duration.ofSeconds(1));
      }));
      assertThat(failing.get().failure()).hasMessageContaining("deep in a timer");
      assertThat(passing.get().failure()).isNull();
    }
  }
}
