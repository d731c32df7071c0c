package io.steelmill.testing;

import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;

/** Simulation tests that fail on purpose, run by {@link SimulationExtensionTest} only. */
final class Fixtures {
  private Fixtures() {}

  static class StaleReadAtSeedTwo {
    @SimulationTest(seeds = 2, checkDeterminism = false, linearizable = "register")
    void staleRead(Simulation sim, io.steelmill.sim.history.History history) throws Exception {
      history.invoke(0, "write", 1L);
      sim.sleep(Duration.ofMillis(1));
      history.ok(0, 1L);
      history.invoke(1, "read", null);
      sim.sleep(Duration.ofMillis(1));
      history.ok(1, sim.seed() == 2 ? null : 1L);
    }
  }

  static class FailsForSeedThree {
    @SimulationTest(seeds = 4, checkDeterminism = false)
    void boom(Simulation sim) throws Exception {
      sim.sleep(Duration.ofMillis(5));
      if (sim.seed() == 3) {
        throw new AssertionError("boom at seed 3");
      }
    }
  }

  static class ReadsTheWallClock {
    @SimulationTest(seeds = 1)
    void wallClock(Simulation sim) throws Exception {
      for (int i = 0; i < 5; i++) {
        sim.trace("tick " + (System.nanoTime() % 1000));
        sim.sleep(Duration.ofMillis(1));
      }
    }
  }

  static class Hangs {
    @SimulationTest(seeds = 1, checkDeterminism = false)
    void waitsForever(Simulation sim) throws Exception {
      new LinkedBlockingQueue<String>().take();
    }
  }

  static class Counts {
    static int invocations;

    @SimulationTest(seeds = 6)
    void count(Simulation sim) {
      invocations++;
    }
  }
}
