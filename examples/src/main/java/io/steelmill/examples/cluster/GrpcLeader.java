package io.steelmill.examples.cluster;

import io.steelmill.Factory;
import io.steelmill.platform.Lease;

/** The lease-scoped part of a gRPC host: exists exactly while the host holds the store's lease. */
@Factory(parent = GrpcStoreHost.class, injected = Lease.class)
public interface GrpcLeader {
  LeaderService leader();
}
