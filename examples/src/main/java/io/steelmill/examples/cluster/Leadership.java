package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.platform.LeaseScope;
import io.steelmill.platform.LeaseService;
import io.steelmill.runtime.Lifecycle;

/**
 * The host's bid for the store's lease: while held, a {@link Leader} child runs with it, created
 * from the injected creator (the host node makes it, so nothing needs attaching before start).
 */
@Daemon
public final class Leadership implements Lifecycle {
  private final LeaseScope scope;

  Leadership(LeaseService leases, SteelmillLeader.Creator leaders) {
    this.scope =
        new LeaseScope(leases, Topology.RESOURCE, Topology.LEASE_TTL, lease -> {
          // the child takes its host's name: it runs on the same machine, so the simulator's
          // faults for that host (crash, pause, partition) apply to the leader's daemons too
          SteelmillLeader leader = leaders.create(leaders.parentName(), lease);
          leader.leader();
          return leader;
        });
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
