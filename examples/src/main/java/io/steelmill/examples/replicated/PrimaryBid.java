package io.steelmill.examples.replicated;

import io.steelmill.Daemon;
import io.steelmill.platform.LeaseScope;
import io.steelmill.platform.LeaseService;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;

/**
 * The host's bid to be primary: while it holds the lease, a {@link Primary} child runs with it
 * (the lease injected, its fencing token the primary's epoch); on doubt or loss the child stops.
 */
@Daemon
public final class PrimaryBid implements Lifecycle {
  static final String RESOURCE = "kv-primary";
  static final Duration LEASE_TTL = Duration.ofMillis(300);

  private final LeaseScope scope;

  PrimaryBid(LeaseService leases, SteelmillPrimary.Creator primaries) {
    this.scope = new LeaseScope(leases, RESOURCE, LEASE_TTL, lease -> {
      // the child takes its host's name, so the host's faults (crash, pause, partition) reach it
      SteelmillPrimary primary = primaries.create(primaries.parentName(), lease);
      primary.primary();
      return primary;
    });
  }

  /** Whether this host holds the primary lease right now. */
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
