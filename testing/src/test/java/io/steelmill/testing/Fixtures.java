package io.steelmill.testing;

import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;

/** Simulation tests that fail on purpose, run by {@link SimulationExtensionTest} only. */
final class Fixtures {
  private Fixtures() {}

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

  static class RunsAProductionFactory {
    @SimulationTest(factory = ProductionBuilt.class, seeds = 2)
    void run(Simulation sim) {
      throw new AssertionError("never reached: the factory is production's");
    }
  }
}
