package io.steelmill.grpc.sim;

import io.grpc.ServerServiceDefinition;
import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.grpc.GrpcServers;

/**
 * The simulated {@link GrpcServers}: a node's services answer calls that reach its transport;
 * a node that serves nothing refuses connections, and a crashed node's services are gone (its
 * restarted daemons register them again).
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimGrpcServers implements GrpcServers {
  private final SimGrpcHub hub;

  public SimGrpcServers(SimGrpcHub hub) {
    this.hub = hub;
  }

  @Override
  public Registration register(ServerServiceDefinition service) {
    NodeTransport transport = hub.transportOfCallingNode();
    transport.serve(service);
    hub.served(transport.node);
    boolean[] closed = {false};
    return () -> {
      if (!closed[0]) {
        closed[0] = true;
        transport.withdraw(service);
      }
    };
  }
}
