package io.steelmill.examples.cluster;

import io.steelmill.Factory;
import io.steelmill.platform.Lease;

/** The lease-scoped part of a host: exists exactly while the host holds the store's lease. */
@Factory(parent = StoreHost.class, injected = Lease.class)
public interface Leader {
  LeaderService leader();
}
