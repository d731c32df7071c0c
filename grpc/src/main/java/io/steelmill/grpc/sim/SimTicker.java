package io.steelmill.grpc.sim;

import io.grpc.Deadline;
import io.steelmill.sim.Simulation;

/** gRPC deadlines in virtual time: the running simulation's clock. */
final class SimTicker extends Deadline.Ticker {
  static final SimTicker INSTANCE = new SimTicker();

  private SimTicker() {}

  @Override
  public long nanoTime() {
    return Simulation.current().nanoTime();
  }
}
