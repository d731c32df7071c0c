package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.platform.LeaseScope;
import io.steelmill.platform.LeaseService;
import io.steelmill.runtime.Lifecycle;

/**
 * The host's bid for the store's lease: while held, a leader child ({@link Leader} or {@link
 * GrpcLeader}, as its host's factory binds) runs with it, created by the host node, so nothing
 * needs attaching before start.
 */
@Daemon
public final class Leadership implements Lifecycle {
  private final LeaseScope scope;

  Leadership(LeaseService leases, LeaseScope.Children leaders) {
    this.scope = new LeaseScope(leases, Topology.RESOURCE, Topology.LEASE_TTL, leaders);
  }

  /** Whether this host holds the store's lease right now. */
  public boolean holdsLease() {
    var lease = scope.current();
    return lease != null && lease.isValid();
  }

  @Override
  public void run() throws InterruptedException {
    scope.run();
  }

  @Override
  public void stop() {
    scope.stop();
  }
}
