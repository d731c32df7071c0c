package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Clock;
import io.steelmill.runtime.internal.Clocks;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The simulated {@link Clock}: virtual time of the running {@link Simulation}. The wall clock of
 * each node can be skewed ({@link #skew}), as real clocks are; the monotonic clock is never
 * skewed. Shared by all nodes: the node is the calling task's.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimClock implements Clock {
  /** The simulation this was last registered with (see {@link Simulation#components()}). */
  private Simulation registeredIn;
  private final Map<String, Long> skewNanos = new HashMap<>();
  private final Map<String, Double> driftPpm = new HashMap<>();

  /** The kernel's own virtual clock (for nodes' grace periods): no component faults act on. */
  static SimClock kernelClock() {
    return new SimClock(false);
  }

  /** Whether it is a component faults act on; the kernel's own virtual clock is not. */
  private final boolean registers;

  public SimClock() {
    this(true);
  }

  private SimClock(boolean registers) {
    this.registers = registers;
    if (registers) {
      Simulation.registerIfRunning(this);
    }
  }

  @Override
  public Instant now() {
    Simulation sim = sim();
    String node = sim.node();
    long skew = skewNanos.getOrDefault(node, 0L);
    double drift = driftPpm.getOrDefault(node, 0.0);
    long drifted = (long) (sim.nanoTime() * drift / 1_000_000);
    return sim.epoch().plusNanos(sim.nanoTime() + skew + drifted);
  }

  @Override
  public long monotonicNanos() {
    return sim().nanoTime();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    sim().sleep(duration);
  }

  /** Waits in virtual time: the timeout is a timer of the simulation, never a real wait. */
  @Override
  public boolean await(BooleanSupplier ready, Duration timeout, Object blocker)
      throws InterruptedException {
    return sim().await(ready, Clocks.boundedNanos(timeout), blocker);
  }

  /**
   * Makes {@code node}'s wall clock run fast ({@code ppm > 0}) or slow, by parts per million of
   * elapsed virtual time: real oscillators drift by tens of ppm.
   */
  public void drift(String node, double ppm) {
    Simulation sim = sim();
    driftPpm.put(node, ppm);
    sim.trace("fault clock-drift " + node + " " + ppm + "ppm");
  }

  /** Sets {@code node}'s wall clock {@code offset} ahead (negative: behind) of true time. */
  public void skew(String node, Duration offset) {
    Simulation sim = sim();
    skewNanos.put(node, offset.toNanos());
    sim.trace("fault clock-skew " + node + " " + offset);
  }

  /** The running simulation, with which this clock is registered on first use. */
  private Simulation sim() {
    Simulation sim = Simulation.current(registeredIn);
    if (registers && registeredIn != sim) {
      registeredIn = sim.register(this);
    }
    return sim;
  }
}
