package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Several simulations in one JVM at once: each is as deterministic as when it runs alone, and
 * what one does (or what the rest of the JVM does) never fails another.
 */
class ConcurrentSimulationsTest {
  private static final long[] SEEDS = {3, 17, 42, 1001};

  private static SimResult workload(long seed) {
    return Simulation.builder().seed(seed).build().run(() -> Workload.run(5, 1_500));
  }

  @Test
  void seedsSideBySideGiveTheirSequentialHashes() throws Exception {
    List<String> alone = new ArrayList<>();
    for (long seed : SEEDS) {
      alone.add(workload(seed).traceSha256());
    }
    for (int round = 0; round < 3; round++) {
      ExecutorService pool = Executors.newFixedThreadPool(SEEDS.length);
      try {
        List<Future<SimResult>> results = new ArrayList<>();
        for (long seed : SEEDS) {
          results.add(pool.submit(() -> workload(seed)));
        }
        for (int i = 0; i < SEEDS.length; i++) {
          SimResult result = results.get(i).get();
          assertThat(result.failure()).as("seed %d, round %d", SEEDS[i], round).isNull();
          assertThat(result.traceSha256())
              .as("seed %d side by side, round %d", SEEDS[i], round)
              .isEqualTo(alone.get(i));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void fireAndForgetCommonPoolWorkIsCaught() {
    SimResult result = Simulation.builder().seed(5).build().run(() -> {
      CompletableFuture.runAsync(() -> {}); // nobody waits: no wake-up ever crosses over
      Simulation.current().sleep(Duration.ofMillis(10));
    });
    assertThat(result.failure())
        .isNotNull()
        .hasMessageContaining("common ForkJoinPool")
        .hasMessageContaining("main")
        .hasMessageContaining("Fix:");
  }

  @Test
  void oneSimulationsCommonPoolUseFailsOnlyThatSimulation() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<SimResult> dirty = pool.submit(() -> Simulation.builder().seed(6).build().run(() -> {
        for (int i = 0; i < 50; i++) {
          CompletableFuture.runAsync(() -> {});
          Simulation.current().sleep(Duration.ofMillis(1));
        }
      }));
      Future<SimResult> clean = pool.submit(() -> workload(42));
      assertThat(dirty.get().failure()).hasMessageContaining("common ForkJoinPool");
      assertThat(clean.get().failure()).isNull();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theRestOfTheJvmUsingTheCommonPoolFailsNoSimulation() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    Thread busy = Thread.ofPlatform().start(() -> {
      while (running.get()) {
        ForkJoinPool.commonPool().submit(() -> Math.sqrt(2)).join();
      }
    });
    try {
      for (long seed : SEEDS) {
        assertThat(workload(seed).failure()).as("seed %d", seed).isNull();
      }
    } finally {
      running.set(false);
      busy.join();
    }
  }
}
