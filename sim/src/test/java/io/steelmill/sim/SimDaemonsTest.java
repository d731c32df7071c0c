package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

/**
 * Threads and executors from the simulated Daemons stay inside the simulation, deterministically.
 */
class SimDaemonsTest {

  private static SimResult run(long seed, List<String> log) {
    return Simulation.builder().seed(seed).build().run(() -> {
      SimDaemons daemons = new SimDaemons();
      SimClock clock = new SimClock();
      try (ExecutorService executor = daemons.executor("worker")) {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          int n = i;
          futures.add(CompletableFuture.supplyAsync(() -> {
            try {
              clock.sleep(Duration.ofMillis(10 * (5 - n)));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            log.add("job " + n + " at " + Simulation.current().nanoTime() / 1_000_000 + "ms");
            return "done " + n;
          }, executor));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
      }
      Thread thread = daemons.start("helper", () -> log.add("helper ran"));
      thread.join();
    });
  }

  @Test
  void executorWorkAndThreadsRunAsSimulatedTasks() {
    List<String> log = new ArrayList<>();
    SimResult result = run(3, log);

    assertThat(result.failure()).isNull();
    assertThat(log).containsExactly(
        "job 4 at 10ms", "job 3 at 20ms", "job 2 at 30ms", "job 1 at 40ms", "job 0 at 50ms",
        "helper ran");
    assertThat(run(3, new ArrayList<>()).traceSha256()).isEqualTo(result.traceSha256());
  }
}
