package io.steelmill.examples.cluster;

import io.steelmill.Factory;
import io.steelmill.Production;
import io.steelmill.Provides;
import io.steelmill.platform.LeaseService;
import io.steelmill.platform.NetworkConfig;
import io.steelmill.zookeeper.ZooKeeperConfig;
import io.steelmill.zookeeper.ZooKeeperLeaseService;

/** A host of the store: a frontend for clients, and a bid for the store's lease. */
@Factory(injected = {StoreSettings.class, ZooKeeperConfig.class})
public interface StoreHost {
  Frontend frontend();

  Storage storage();

  WriterClient client();

  Leadership leadership();

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
