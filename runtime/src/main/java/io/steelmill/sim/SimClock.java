package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulated {@link Clock}: virtual time of the running {@link Simulation}. The wall clock of
 * each node can be skewed ({@link #skew}), as real clocks are; the monotonic clock is never
 * skewed. Shared by all nodes: the node is the calling task's.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimClock implements Clock {
  private final Map<String, Long> skewNanos = new HashMap<>();

  public SimClock() {}

  @Override
  public Instant now() {
    Simulation sim = Simulation.current();
    long skew = skewNanos.getOrDefault(sim.node(), 0L);
    return sim.epoch().plusNanos(sim.nanoTime() + skew);
  }

  @Override
  public long monotonicNanos() {
    return Simulation.current().nanoTime();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Simulation.current().sleep(duration);
  }

  /** Sets {@code node}'s wall clock {@code offset} ahead (negative: behind) of true time. */
  public void skew(String node, Duration offset) {
    Simulation sim = Simulation.current();
    skewNanos.put(node, offset.toNanos());
    sim.trace("fault clock-skew " + node + " " + offset);
  }
}
