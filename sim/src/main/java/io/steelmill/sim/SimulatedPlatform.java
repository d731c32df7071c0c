package io.steelmill.sim;

import io.steelmill.Provides;
import io.steelmill.Simulation;
import io.steelmill.platform.Buggify;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Daemons;
import io.steelmill.platform.Disk;
import io.steelmill.platform.LeaseService;
import io.steelmill.platform.Network;
import io.steelmill.platform.RandomSource;

/**
 * The simulated bindings of Steelmill's platform interfaces. The interfaces ship in {@code
 * steelmill-runtime} and name no simulator class: each says {@code @Simulation(bySimulator =
 * true)}, and in a simulation build the annotation processor finds this class by its name (see
 * {@code SimulatorModule} in the processor) and uses its methods as if a factory listed it in
 * {@code modules}. Each returns the simulation's {@code @Ambient} daemon, shared by every node.
 *
 * <p>To simulate one more platform interface: mark the interface {@code @Production(Real.class)
 * @Simulation(bySimulator = true)}, write its {@code @Ambient @Daemon @Simulation} class here in
 * {@code io.steelmill.sim}, and add one method below returning the interface.
 */
public final class SimulatedPlatform {
  private SimulatedPlatform() {}

  @Simulation
  @Provides
  public static Clock clock(SimClock clock) {
    return clock;
  }

  @Simulation
  @Provides
  public static RandomSource random(SimRandom random) {
    return random;
  }

  @Simulation
  @Provides
  public static Network network(SimNetwork network) {
    return network;
  }

  @Simulation
  @Provides
  public static Disk disk(SimDisk disk) {
    return disk;
  }

  @Simulation
  @Provides
  public static LeaseService leases(SimLeaseService leases) {
    return leases;
  }

  @Simulation
  @Provides
  public static Daemons daemons(SimDaemons daemons) {
    return daemons;
  }

  @Simulation
  @Provides
  public static Buggify buggify(SimBuggify buggify) {
    return buggify;
  }
}
