package io.steelmill.examples.cluster;

import io.steelmill.Factory;
import io.steelmill.Production;
import io.steelmill.Provides;
import io.steelmill.platform.LeaseScope;
import io.steelmill.platform.LeaseService;
import io.steelmill.platform.Network;
import io.steelmill.platform.NetworkConfig;
import io.steelmill.zookeeper.ZooKeeperConfig;
import io.steelmill.zookeeper.ZooKeeperLeaseService;

/**
 * A host of the store: a frontend for clients, and a bid for the store's lease. Its parts talk
 * over Steelmill's {@code Network} ({@link NetworkStoreTransport}); {@link GrpcStoreHost} is the
 * same host with the gRPC transport.
 */
@Factory(injected = {StoreSettings.class, ZooKeeperConfig.class})
public interface StoreHost {
  Frontend frontend();

  Storage storage();

  WriterClient client();

  Leadership leadership();

  /** The store's parts talk in text messages over the {@code Network}. */
  @Provides
  static StoreTransport transport(Network network) {
    return new NetworkStoreTransport(network);
  }

  /** A {@link Leader} child per lease won, named after its host (see {@link Leadership}). */
  @Provides
  static LeaseScope.Children leaders(SteelmillLeader.Creator leaders) {
    return lease -> {
      // the child takes its host's name: it runs on the same machine, so the simulator's
      // faults for that host (crash, pause, partition) apply to the leader's daemons too
      SteelmillLeader leader = leaders.create(leaders.parentName(), lease);
      leader.leader();
      return leader;
    };
  }

  /** Production hosts of one JVM talk over loopback TCP. */
  @Provides
  static NetworkConfig networkConfig() {
    return NetworkConfig.loopback();
  }

  /** Production leases come from ZooKeeper; simulation uses the simulated lease service. */
  @Provides
  @Production
  static LeaseService leases(ZooKeeperLeaseService zookeeper) {
    return zookeeper;
  }
}
