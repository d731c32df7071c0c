package io.steelmill.testing;

import io.steelmill.sim.SimCluster;
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

  /** Keeps a count in a static field, so the second run of the check starts elsewhere. */
  static class LeaksStaticState {
    static int ticks;

    /** The leak is between the check's two runs of a seed, not between runs of this class. */
    @org.junit.jupiter.api.BeforeAll
    static void fromZero() {
      ticks = 0;
    }

    @SimulationTest(seeds = 1)
    void staticCounter(Simulation sim) throws Exception {
      for (int i = 0; i < 5; i++) {
        sim.trace("tick " + ticks++);
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

  /** Two seeds that can only pass if they run at the same time: each waits for the other. */
  static class MeetAtABarrier {
    static final java.util.concurrent.CyclicBarrier BARRIER = new java.util.concurrent.CyclicBarrier(2);

    @org.junit.jupiter.api.BeforeEach
    void meet() throws Exception {
      BARRIER.await(60, java.util.concurrent.TimeUnit.SECONDS); // outside the simulation
    }

    @SimulationTest(seeds = 2, checkDeterminism = false)
    void meets(Simulation sim) throws Exception {
      sim.sleep(Duration.ofMillis(5));
    }
  }

  /** A cluster under a nemesis: traces with many steps, crashes and restarts. */
  static class BusyCluster {
    @SimulationTest(factory = Echo.class, nodes = 3, seeds = 6, checkDeterminism = false)
    void echoes(Simulation sim, SimCluster<?, ?> cluster) throws Exception {
      io.steelmill.sim.Nemesis.on(cluster)
          .crashes(Duration.ofMillis(300), Duration.ofMillis(100))
          .partitions(Duration.ofMillis(200), Duration.ofMillis(50))
          .start();
      sim.sleep(Duration.ofSeconds(2));
    }
  }
}
