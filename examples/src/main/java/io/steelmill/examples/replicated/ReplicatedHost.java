package io.steelmill.examples.replicated;

import io.steelmill.Factory;
import io.steelmill.Production;
import io.steelmill.Provides;
import io.steelmill.platform.DiskConfig;
import io.steelmill.platform.LeaseService;
import io.steelmill.platform.NetworkConfig;
import io.steelmill.zookeeper.ZooKeeperConfig;
import io.steelmill.zookeeper.ZooKeeperLeaseService;

/**
 * A host of the replicated store: a durable replica, a frontend for clients, and a bid for the
 * primary lease. The client and the shared counters live on the ambient node.
 */
@Factory(injected = {ReplicatedSettings.class, ZooKeeperConfig.class, DiskConfig.class})
public interface ReplicatedHost {
  KvFrontend frontend();

  Replica replica();

  PrimaryBid bid();

  KvClient client();

  ReplicaTally tally();

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
