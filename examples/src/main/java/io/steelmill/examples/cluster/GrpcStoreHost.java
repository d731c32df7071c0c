package io.steelmill.examples.cluster;

import io.steelmill.Factory;
import io.steelmill.Production;
import io.steelmill.Provides;
import io.steelmill.platform.LeaseService;
import io.steelmill.zookeeper.ZooKeeperConfig;
import io.steelmill.zookeeper.ZooKeeperLeaseService;

/**
 * A host of the store whose parts talk gRPC ({@code store.proto}): the same frontend, lease bid
 * and fenced storage as {@link StoreHost}, written as ordinary gRPC-java services and stubs on the
 * injected {@code GrpcChannels} and {@code GrpcServers}. Production: Netty with mutual TLS;
 * simulation: the simulated transport, under the same nemesis.
 */
@Factory(injected = {StoreSettings.class, StoreHosts.class, ZooKeeperConfig.class,
    io.steelmill.grpc.GrpcConfig.class})
public interface GrpcStoreHost {
  GrpcFrontend frontend();

  GrpcStorage storage();

  GrpcWriterClient client();

  GrpcLeadership leadership();

  /** Production leases come from ZooKeeper; simulation uses the simulated lease service. */
  @Provides
  @Production
  static LeaseService leases(ZooKeeperLeaseService zookeeper) {
    return zookeeper;
  }
}
