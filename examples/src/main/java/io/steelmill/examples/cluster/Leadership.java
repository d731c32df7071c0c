package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.platform.LeaseScope;
import io.steelmill.platform.LeaseService;
import io.steelmill.runtime.Lifecycle;

/**
 * The host's bid for the store's lease: while held, a {@link Leader} child runs with it. The host
 * attaches how to build the child before it starts (the child's factory needs the host node).
 */
@Daemon
public final class Leadership implements Lifecycle {
  private final LeaseService leases;
  private LeaseScope scope;

  Leadership(LeaseService leases) {
    this.leases = leases;
  }

  /** Sets how a {@link Leader} child is built for each new lease. */
  public void attach(LeaseScope.Children children) {
    scope = new LeaseScope(leases, Topology.RESOURCE, Topology.LEASE_TTL, children);
  }

  /** Whether this host holds the store's lease right now. */
  public boolean holdsLease() {
    var lease = scope == null ? null : scope.current();
    return lease != null && lease.isValid();
  }

  @Override
  public void prepare() {
    if (scope == null) {
      throw new IllegalStateException("Leadership.attach(...) was not called before start()");
    }
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
