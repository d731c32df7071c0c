package io.steelmill.grpc.sim;

import io.grpc.Channel;
import io.grpc.Deadline;
import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.grpc.GrpcChannels;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.Simulation;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The simulated {@link GrpcChannels}: channels whose calls cross the simulated network (see
 * {@link Connection}), deadlines on the simulation's clock, and a scheduler of simulation timers.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimGrpcChannels implements GrpcChannels {
  private final SimGrpcHub hub;

  public SimGrpcChannels(SimGrpcHub hub) {
    this.hub = hub;
  }

  @Override
  public Channel channel(String node) {
    io.steelmill.platform.Names.checkNode(node); // refused as in production
    NodeTransport transport = hub.transportOfCallingNode();
    return new SimChannel(hub, transport.node, node);
  }

  /** The simulated network the calls cross: hand it to a nemesis to act on them. */
  public SimNetwork network() {
    return hub.network();
  }

  @Override
  public Deadline.Ticker ticker() {
    return SimTicker.INSTANCE;
  }

  @Override
  public ScheduledExecutorService scheduler() {
    Simulation sim = Simulation.current();
    return new SimScheduler(hub, sim.node());
  }
}
