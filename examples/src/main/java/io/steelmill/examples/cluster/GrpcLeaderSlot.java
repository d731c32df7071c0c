package io.steelmill.examples.cluster;

import io.steelmill.Daemon;

/** Where a gRPC host's frontend finds the leader child while the host holds the lease. */
@Daemon
public final class GrpcLeaderSlot {
  private volatile GrpcLeaderService current;

  GrpcLeaderSlot() {}

  GrpcLeaderService current() {
    return current;
  }

  void set(GrpcLeaderService leader) {
    current = leader;
  }

  void clear(GrpcLeaderService leader) {
    if (current == leader) {
      current = null;
    }
  }
}
