package io.steelmill.platform;

import io.steelmill.Production;
import io.steelmill.Simulation;

/**
 * Addressed messaging between nodes. In simulation, one in-memory network shared by every node,
 * with seeded delays and injected faults; in production, TCP.
 */
@Production(TcpNetwork.class)
@Simulation(bySimulator = true)
public interface Network {
  /** Binds {@code service} on the calling node (the node whose code is running). */
  <M> Endpoint<M> bind(String service, Codec<M> codec);
}
