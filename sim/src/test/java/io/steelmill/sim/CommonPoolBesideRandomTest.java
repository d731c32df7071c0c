package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A task that draws from {@code ThreadLocalRandom} (seeded from the run, so deterministic) while
 * other code of the JVM keeps the common pool busy. The run's last check took any task with a
 * {@code ThreadLocalRandom} probe for a common-pool submitter (the JDK gives both the probe), so
 * such a run failed with "put work on the common ForkJoinPool", or passed, by what the rest of the
 * JVM did meanwhile. The agent catches a real submission when it is made; the probe is only
 * looked at where the agent's hook is absent.
 */
class CommonPoolBesideRandomTest {
  private static SimResult drawing(long seed) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("a"), "drawer", () -> {
        for (int i = 0; i < 20; i++) {
          sim.trace("drew " + ThreadLocalRandom.current().nextInt(1000));
          try {
            sim.sleep(Duration.ofMillis(1));
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sim.trace("main drew " + ThreadLocalRandom.current().nextLong());
      sim.sleep(Duration.ofMillis(50));
    });
  }

  @Test
  void threadLocalRandomBesideABusyCommonPoolIsNoEscape() throws Exception {
    SimResult quiet = drawing(8);
    assertThat(quiet.failure()).isNull();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread busy = Thread.ofPlatform().start(() -> {
      while (running.get()) {
        ForkJoinPool.commonPool().submit(() -> Math.sqrt(2)).join();
      }
    });
    try {
      for (int i = 0; i < 5; i++) {
        SimResult beside = drawing(8);
        assertThat(beside.failure()).as("run %d", i).isNull();
        assertThat(beside.traceSha256()).isEqualTo(quiet.traceSha256());
      }
    } finally {
      running.set(false);
      busy.join();
    }
  }

  @Test
  void aRealSubmissionIsStillCaughtWhenMade() {
    SimResult result = Simulation.builder().seed(8).build().run(() -> {
      ThreadLocalRandom.current().nextInt();
      CompletableFuture.runAsync(() -> {});
      Simulation.current().sleep(Duration.ofMillis(10));
    });
    assertThat(result.failure()).hasMessageContaining("common ForkJoinPool")
        .hasMessageContaining("Fix:");
  }
}
