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
      SteelmillLeader leader = SteelmillLeader.create(host, host.name());
      leader.inject(Lease.class, lease);
      leader.leader();
      return leader;
    });
  }
}
