package io.steelmill.examples.replicated;

import io.steelmill.Factory;
import io.steelmill.platform.Lease;

/** The lease-scoped part of a host: exists exactly while the host holds the primary lease. */
@Factory(parent = ReplicatedHost.class, injected = Lease.class)
public interface Primary {
  PrimaryService primary();
}
