package io.steelmill.platform;

import io.steelmill.Production;
import io.steelmill.Simulation;

/**
 * Randomness, instead of {@code new Random}, {@code Math.random}, {@code ThreadLocalRandom} and
 * {@code UUID.randomUUID}. In simulation every value comes from the run's seed, one stream per
 * node and purpose, so a seed replays exactly.
 */
@Production(SystemRandom.class)
@Simulation(bySimulator = true)
public interface RandomSource {
  long nextLong();

  /** Uniform in {@code [0, bound)}. */
  int nextInt(int bound);

  /** Uniform in {@code [0, 1)}. */
  double nextDouble();

  /** True with probability {@code p}. */
  default boolean chance(double p) {
    return nextDouble() < p;
  }

  /**
   * An independent stream for {@code purpose} ("retry-jitter", "election"): in simulation, a new
   * consumer of randomness then does not change the values another one sees.
   */
  RandomSource fork(String purpose);
}
