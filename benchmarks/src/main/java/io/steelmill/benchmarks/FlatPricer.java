package io.steelmill.benchmarks;

import io.steelmill.Daemon;
import io.steelmill.Simulation;

/** The simulation pricer; never part of the production build measured here. */
@Daemon
@Simulation
public final class FlatPricer implements Pricer {
  public FlatPricer() {}

  @Override
  public long price(long item) {
    return 1;
  }
}
