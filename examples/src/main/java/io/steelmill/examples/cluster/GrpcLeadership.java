package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.platform.LeaseScope;
import io.steelmill.platform.LeaseService;
import io.steelmill.runtime.Lifecycle;

/** A gRPC host's bid for the store's lease: while held, a {@link GrpcLeader} child runs. */
@Daemon
public final class GrpcLeadership implements Lifecycle {
  private final LeaseScope scope;

  GrpcLeadership(LeaseService leases, SteelmillGrpcLeader.Creator leaders) {
    this.scope =
        new LeaseScope(leases, Topology.RESOURCE, Topology.LEASE_TTL, lease -> {
          // named after its host, so the simulator's faults for the host apply to it too
          SteelmillGrpcLeader leader = leaders.create(leaders.parentName(), lease);
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
