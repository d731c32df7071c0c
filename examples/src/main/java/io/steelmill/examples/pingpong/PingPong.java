package io.steelmill.examples.pingpong;

import io.steelmill.Factory;
import io.steelmill.Provides;
import io.steelmill.platform.NetworkConfig;

/** One node of the pingpong cluster: a server that answers, a client that asks, shared chaos. */
@Factory(injected = Peers.class)
public interface PingPong {
  Pinger pinger();

  Ponger ponger();

  NetworkChaos chaos();

  Stats stats();

  /** Production nodes of one JVM talk over loopback TCP. */
  @Provides
  static NetworkConfig networkConfig() {
    return NetworkConfig.loopback();
  }
}
