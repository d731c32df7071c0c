package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Simulations side by side where one ends badly: a failing invariant, a throwing timer, a task
 * that spins until the watchdog abandons its carrier, a main task that throws. Every other
 * simulation, at the same time and afterwards on the same threads, gives the trace it gives
 * alone, and each bad one fails in the same way it fails alone.
 */
class SideBySideFailuresHostileTest {
  private static SimResult passing(long seed) {
    return Simulation.builder().seed(seed).build().run(() -> Workload.run(4, 800));
  }

  private static SimResult invariant(long seed) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.invariant("never past 5 ms", () -> {
        if (sim.nanoTime() > 5_000_000) {
          throw new IllegalStateException("past 5 ms");
        }
      });
      Workload.run(4, 800);
    });
  }

  private static SimResult timer(long seed) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.schedule(3_000_000, () -> {
        throw new IllegalArgumentException("timer gave up");
      });
      Workload.run(4, 800);
    });
  }

  private static SimResult throwing(long seed) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation.current().sleep(Duration.ofMillis(2));
      throw new UnsupportedOperationException("main gave up");
    });
  }

  private static SimResult runaway(long seed) {
    // the spinner stops once its run has returned: an abandoned carrier spinning for the rest of
    // the test JVM (it did, about two minutes of CPU each) slowed every later test on the machine
    AtomicBoolean returned = new AtomicBoolean();
    try {
      return Simulation.builder().seed(seed).runawayLimit(Duration.ofMillis(300)).build()
          .run(() -> {
            Simulation.current().spawn("spinner", () -> {
              long spins = 0;
              while (!returned.get()) {
                spins++; // never yields: only the watchdog ends this run
              }
            });
            Simulation.current().sleep(Duration.ofSeconds(1));
          });
    } finally {
      returned.set(true);
    }
  }

  @Test
  void aBadRunBesideGoodOnesFailsOnlyItselfAndTheSameWayAsAlone() throws Exception {
    List<LongFunction<SimResult>> bad = List.of(
        SideBySideFailuresHostileTest::invariant, SideBySideFailuresHostileTest::timer,
        SideBySideFailuresHostileTest::throwing, SideBySideFailuresHostileTest::runaway);
    List<String> aloneGood = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      aloneGood.add(passing(seed).traceSha256());
    }
    for (LongFunction<SimResult> each : bad) {
      SimResult alone = each.apply(9);
      assertThat(alone.failure()).isNotNull();
      try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
        Future<SimResult> failing = pool.submit(() -> each.apply(9));
        List<Future<SimResult>> good = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
          long s = seed;
          good.add(pool.submit(() -> passing(s)));
        }
        SimResult beside = failing.get();
        assertThat(beside.failure()).isNotNull();
        assertThat(beside.failure().getClass()).isEqualTo(alone.failure().getClass());
        if (!alone.failure().getMessage().startsWith("Runaway")) {
          assertThat(beside.traceSha256()).isEqualTo(alone.traceSha256());
          assertThat(beside.failure().getMessage()).isEqualTo(alone.failure().getMessage());
        }
        for (int i = 0; i < 3; i++) {
          SimResult result = good.get(i).get();
          assertThat(result.failure()).isNull();
          assertThat(result.traceSha256()).isEqualTo(aloneGood.get(i));
        }
      }
      for (long seed = 1; seed <= 3; seed++) { // afterwards, on this thread
        assertThat(passing(seed).traceSha256()).isEqualTo(aloneGood.get((int) seed - 1));
      }
    }
  }
}
