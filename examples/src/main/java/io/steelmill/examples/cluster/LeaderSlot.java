package io.steelmill.examples.cluster;

import io.steelmill.Daemon;

/** Where a host's frontend finds the leader child while the host holds the lease. */
@Daemon
public final class LeaderSlot {
  private volatile LeaderService current;

  LeaderSlot() {}

  LeaderService current() {
    return current;
  }

  void set(LeaderService leader) {
    current = leader;
  }

  void clear(LeaderService leader) {
    if (current == leader) {
      current = null;
    }
  }
}
