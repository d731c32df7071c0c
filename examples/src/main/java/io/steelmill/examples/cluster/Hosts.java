package io.steelmill.examples.cluster;

import io.steelmill.platform.Lease;

/** How each host is set up before it starts, in both builds. */
final class Hosts {
  private Hosts() {}

  /** Requests a host's daemons and ties a {@link Leader} child to each lease it wins. */
  static void setUp(SteelmillStoreHost host) {
    host.frontend();
    host.storage();
    host.client();
    host.leadership().attach(lease -> {
      // the child takes its host's name: it runs on the same machine, so the simulator's faults
      // for that host (crash, pause, partition) apply to the leader's daemons too
      SteelmillLeader leader = SteelmillLeader.create(host, host.name());
      leader.inject(Lease.class, lease);
      leader.leader();
      return leader;
    });
  }
}
