package io.steelmill.benchmarks;

import io.steelmill.Production;
import io.steelmill.Simulation;

/** A mode-bound interface, as the platform interfaces are. */
@Production(TablePricer.class)
@Simulation(FlatPricer.class)
public interface Pricer {
  long price(long item);
}
