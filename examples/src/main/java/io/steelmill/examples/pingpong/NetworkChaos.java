package io.steelmill.examples.pingpong;

import io.steelmill.Production;
import io.steelmill.Simulation;

/**
 * The faults a cluster runs under: a seeded nemesis in simulation, nothing in production. A
 * library-style mode binding: users inject the interface, the build picks.
 */
@Production(NoChaos.class)
@Simulation(SimChaos.class)
public interface NetworkChaos {
  /** The faults injected so far, for the summary. */
  String summary();
}
