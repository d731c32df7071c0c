package io.steelmill.testing;

import io.steelmill.sim.Simulation;
import java.time.Duration;

/**
 * Simulation tests with hostile {@link SimulationTest} settings, run only by {@link
 * HarnessHostileTest}: each must fail before any seed runs, with one line naming the attribute.
 */
final class HostileFixtures {
  private HostileFixtures() {}

  static class NoSeeds {
    @SimulationTest(seeds = 0)
    void run(Simulation sim) {}
  }

  static class NegativeSeeds {
    @SimulationTest(seeds = -3)
    void run(Simulation sim) {}
  }

  static class EndlessSeeds {
    @SimulationTest(seeds = Integer.MAX_VALUE, checkDeterminism = false)
    void run(Simulation sim) {}
  }

  static class EmptyVirtualTime {
    @SimulationTest(maxVirtualTime = "")
    void run(Simulation sim) {}
  }

  static class NegativeVirtualTime {
    @SimulationTest(maxVirtualTime = "PT-5S")
    void run(Simulation sim) {}
  }

  static class ZeroVirtualTime {
    @SimulationTest(maxVirtualTime = "0s")
    void run(Simulation sim) {}
  }

  static class WordVirtualTime {
    @SimulationTest(maxVirtualTime = "banana")
    void run(Simulation sim) {}
  }

  static class IsoGarbageVirtualTime {
    @SimulationTest(maxVirtualTime = "PXT")
    void run(Simulation sim) {}
  }

  static class ForeignDigitsVirtualTime {
    @SimulationTest(maxVirtualTime = "\u0665s")
    void run(Simulation sim) {}
  }

  static class EmptyCheckTimeout {
    @SimulationTest(checkTimeout = "", linearizable = "register")
    void run(Simulation sim, io.steelmill.sim.history.History history) {}
  }

  static class NegativeCheckTimeout {
    @SimulationTest(checkTimeout = "-1s", linearizable = "register")
    void run(Simulation sim, io.steelmill.sim.history.History history) {}
  }

  static class UnknownModel {
    static int seedsRun;

    @SimulationTest(linearizable = "regsiter", seeds = 3, checkDeterminism = false)
    void run(Simulation sim, io.steelmill.sim.history.History history) {
      seedsRun++;
    }
  }

  static class NoNodes {
    @SimulationTest(factory = Echo.class, nodes = 0)
    void run(Simulation sim) {}
  }

  static class NegativeNodes {
    @SimulationTest(factory = Echo.class, nodes = -2)
    void run(Simulation sim) {}
  }

  static class MillionNodes {
    @SimulationTest(factory = Echo.class, nodes = 1_000_000)
    void run(Simulation sim) {}
  }

  /** Fails odd seeds after a seed-drawn wait, so its replay command can be taken and run. */
  static class FailsOnOddSeeds {
    @SimulationTest(seeds = 5, checkDeterminism = false, shrinkBudget = 0)
    void run(Simulation sim) throws Exception {
      io.steelmill.sim.SplitMix64 random = new io.steelmill.sim.SplitMix64(sim.seed());
      sim.sleep(Duration.ofMillis(random.nextInt(50) + 1));
      sim.trace("seed " + sim.seed() + " drew " + random.nextLong());
      if (sim.seed() % 2 != 0) {
        throw new AssertionError("odd seed " + sim.seed());
      }
    }
  }

  /** The same with a base seed near the top of the long range, so seeds wrap to negatives. */
  static class FailsAtTheTop {
    @SimulationTest(seeds = 3, baseSeed = Long.MAX_VALUE - 1, checkDeterminism = false,
        shrinkBudget = 0)
    void run(Simulation sim) throws Exception {
      io.steelmill.sim.SplitMix64 random = new io.steelmill.sim.SplitMix64(sim.seed());
      sim.sleep(Duration.ofMillis(random.nextInt(50) + 1));
      sim.trace("drew " + random.nextLong());
      throw new AssertionError("always, at seed " + sim.seed());
    }
  }

  /** A cluster under a nemesis that fails every seed: its faults decide the trace. */
  static class FailsUnderFaults {
    @SimulationTest(factory = Echo.class, nodes = 3, seeds = 2, checkDeterminism = false,
        shrinkBudget = 0)
    void run(Simulation sim, io.steelmill.sim.SimCluster<?, ?> cluster) throws Exception {
      io.steelmill.sim.Nemesis.on(cluster)
          .crashes(Duration.ofMillis(300), Duration.ofMillis(100))
          .partitions(Duration.ofMillis(200), Duration.ofMillis(50))
          .start();
      sim.sleep(Duration.ofSeconds(2));
      throw new AssertionError("seed " + sim.seed() + " saw " + sim.faults().appliedIds().size()
          + " faults");
    }
  }
}
