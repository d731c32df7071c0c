package io.steelmill.examples.pingpong;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import java.util.concurrent.atomic.LongAdder;

/** Counters shared by every node of the cluster. */
@Ambient
@Daemon
public final class Stats {
  final LongAdder pingsSent = new LongAdder();
  final LongAdder pingsReceived = new LongAdder();
  final LongAdder pongsReceived = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder late = new LongAdder();

  Stats() {}

  /** Pings and pongs that arrived. */
  public long delivered() {
    return pingsReceived.sum() + pongsReceived.sum();
  }

  /** Pings answered in time. */
  public long answered() {
    return pongsReceived.sum() - late.sum();
  }

  public long timeouts() {
    return timeouts.sum();
  }

  @Override
  public String toString() {
    return "sent " + pingsSent.sum() + " pings, " + pingsReceived.sum() + " arrived, "
        + pongsReceived.sum() + " pongs (" + late.sum() + " late or duplicate), "
        + timeouts.sum() + " timeouts";
  }
}
