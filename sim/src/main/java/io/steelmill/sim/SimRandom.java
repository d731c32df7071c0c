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
  private String lastNode;
  private SplitMix64 lastStream;
  /** The simulation of the last call, to skip the thread-local lookup next time. */
  private Simulation simulation;

  public SimRandom() {
    this("random");
  }

  private SimRandom(String purpose) {
    this.purpose = purpose;
  }

  private SplitMix64 stream() {
    Simulation sim = Simulation.current(simulation);
    simulation = sim;
    String node = sim.node();
    if (node == lastNode) { // the same node as last time: most calls, no map lookup
      return lastStream;
    }
    SplitMix64 stream = perNode.computeIfAbsent(node, n -> sim.random(purpose + "/" + n));
    lastNode = node;
    lastStream = stream;
    return stream;
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
