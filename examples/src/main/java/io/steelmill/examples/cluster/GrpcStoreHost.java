package io.steelmill.examples.cluster;

import io.steelmill.Factory;
import io.steelmill.Production;
import io.steelmill.Provides;
import io.steelmill.grpc.GrpcChannels;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.grpc.GrpcServers;
import io.steelmill.platform.LeaseScope;
import io.steelmill.platform.LeaseService;
import io.steelmill.zookeeper.ZooKeeperConfig;
import io.steelmill.zookeeper.ZooKeeperLeaseService;

/**
 * The host of {@link StoreHost} with one binding changed: its parts talk gRPC ({@code
 * store.proto}, {@link GrpcStoreTransport}) on the injected {@code GrpcChannels} and {@code
 * GrpcServers}. Production: Netty with mutual TLS; simulation: the simulated transport, under the
 * same nemesis.
 */
@Factory(injected = {StoreSettings.class, StoreHosts.class, ZooKeeperConfig.class,
    GrpcConfig.class})
public interface GrpcStoreHost {
  Frontend frontend();

  Storage storage();

  WriterClient client();

  Leadership leadership();

  /** The store's parts talk as the gRPC services of {@code store.proto}. */
  @Provides
  static StoreTransport transport(GrpcChannels channels, GrpcServers servers, StoreHosts hosts) {
    return new GrpcStoreTransport(channels, servers, hosts);
  }

  /** A {@link GrpcLeader} child per lease won, named after its host (see {@link Leadership}). */
  @Provides
  static LeaseScope.Children leaders(SteelmillGrpcLeader.Creator leaders) {
    return lease -> {
      SteelmillGrpcLeader leader = leaders.create(leaders.parentName(), lease);
      leader.leader();
      return leader;
    };
  }

  /** Production leases come from ZooKeeper; simulation uses the simulated lease service. */
  @Provides
  @Production
  static LeaseService leases(ZooKeeperLeaseService zookeeper) {
    return zookeeper;
  }
}
