package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.RandomSource;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulated {@link RandomSource}: one seeded stream per node (the calling task's), forked by
 * purpose, so every value replays with the seed.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimRandom implements RandomSource {
  private final Map<String, SplitMix64> perNode = new HashMap<>();
  private final String purpose;

  public SimRandom() {
    this("random");
  }

  private SimRandom(String purpose) {
    this.purpose = purpose;
  }

  private SplitMix64 stream() {
    Simulation sim = Simulation.current();
    return perNode.computeIfAbsent(sim.node(), node -> sim.random(purpose + "/" + node));
  }

  @Override
  public long nextLong() {
    return stream().nextLong();
  }

  @Override
  public int nextInt(int bound) {
    return stream().nextInt(bound);
  }

  @Override
  public double nextDouble() {
    return stream().nextDouble();
  }

  @Override
  public RandomSource fork(String purpose) {
    return new SimRandom(this.purpose + "/" + purpose);
  }
}
