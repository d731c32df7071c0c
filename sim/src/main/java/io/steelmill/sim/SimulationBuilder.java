package io.steelmill.sim;

import java.time.Duration;
import java.time.Instant;

/** The options of a {@link Simulation}: {@code Simulation.builder().seed(42).build()}. */
public final class SimulationBuilder {
  long seed = 1;
  Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
  Duration maxVirtualTime = Duration.ofDays(1);
  long maxStepsWithoutTime = 50_000_000;
  Trace.Level traceLevel = Trace.Level.TAIL;
  int traceTail = 200;
  Duration runawayLimit = Duration.ofSeconds(10);
  Duration pinnedLimit = Duration.ofSeconds(2);
  FaultLedger.Options faults = FaultLedger.Options.DEFAULT;

  SimulationBuilder() {}

  /** Which faults apply, whether BUGGIFY fires, whether to record a timeline. */
  public SimulationBuilder faults(FaultLedger.Options options) {
    this.faults = java.util.Objects.requireNonNull(options, "options");
    return this;
  }

  /** CPU time one step may take before the watchdog reports a runaway (default 10 s). */
  public SimulationBuilder runawayLimit(Duration limit) {
    this.runawayLimit = limit;
    return this;
  }

  /**
   * Real time the carrier itself may stay blocked in one step, without running, before the
   * watchdog reports the task as pinned (default 2 s: class initialization shared with
   * simulations running beside it can take a while on a loaded machine). The watchdog stretches
   * it by the machine's load per core.
   */
  public SimulationBuilder pinnedLimit(Duration limit) {
    this.pinnedLimit = limit;
    return this;
  }

  public SimulationBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The wall-clock instant that virtual time zero stands for. */
  public SimulationBuilder epoch(Instant epoch) {
    this.epoch = epoch;
    return this;
  }

  /** A run whose next timer lies past this fails (default one day). */
  public SimulationBuilder maxVirtualTime(Duration limit) {
    this.maxVirtualTime = limit;
    return this;
  }

  /** Steps without virtual time advancing before a livelock is reported (default 50 M). */
  public SimulationBuilder maxStepsWithoutTime(long steps) {
    this.maxStepsWithoutTime = steps;
    return this;
  }

  public SimulationBuilder trace(Trace.Level level) {
    this.traceLevel = level;
    return this;
  }

  /** How many last events a report shows (default 200). */
  public SimulationBuilder traceTail(int events) {
    this.traceTail = events;
    return this;
  }

  public Simulation build() {
    return new Simulation(this);
  }
}
