package io.steelmill.examples.replicated;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts shared by every host of one cluster (an ambient daemon, so they survive a host's
 * restart): messages the replicas refused for carrying an older epoch than one they promised,
 * and primaries that completed a takeover.
 */
@Ambient
@Daemon
public final class ReplicaTally {
  private final AtomicLong staleRejected = new AtomicLong();
  private final AtomicLong takeovers = new AtomicLong();

  ReplicaTally() {}

  void rejected() {
    staleRejected.incrementAndGet();
  }

  void tookOver() {
    takeovers.incrementAndGet();
  }

  /** Messages from a deposed primary that a replica refused. */
  public long staleRejected() {
    return staleRejected.get();
  }

  /** Primaries that took over (promises and install on a majority). */
  public long takeovers() {
    return takeovers.get();
  }
}
