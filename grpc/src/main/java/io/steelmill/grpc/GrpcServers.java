package io.steelmill.grpc;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.steelmill.Production;
import io.steelmill.Simulation;
import io.steelmill.grpc.sim.SimGrpcServers;

/**
 * The registry of the gRPC services each node serves. A daemon registers its service in {@code
 * prepare()} and closes the registration in {@code stop()}; the calling node's server starts
 * with its first service and goes away with its last (so a stopped or crashed node serves
 * nothing). Inside a call, {@link GrpcPeer#caller()} is the authenticated node that called.
 */
@Production(NettyGrpcServers.class)
@Simulation(SimGrpcServers.class)
public interface GrpcServers {
  /**
   * Serves {@code service} on the calling node until the registration is closed.
   *
   * @throws IllegalStateException if the node already serves a service of that name, or if
   *     called outside any node's code
   */
  Registration register(ServerServiceDefinition service);

  /** Serves a generated service implementation ({@code XxxGrpc.XxxImplBase}). */
  default Registration register(BindableService service) {
    return register(service.bindService());
  }

  /** A served service; {@link #close()} stops serving it (calls under way are cancelled). */
  interface Registration extends AutoCloseable {
    /** Idempotent. */
    @Override
    void close();
  }
}
