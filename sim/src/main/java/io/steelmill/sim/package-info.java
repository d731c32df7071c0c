/**
 * The deterministic simulation kernel. Every simulated task is a virtual thread on one scheduler
 * that a {@link io.steelmill.sim.Simulation} owns and drives from a single carrier thread: it
 * picks the next runnable task with a seeded PRNG, advances virtual time only when nothing can
 * run, hashes every decision into a trace, and reports a hang the instant nothing is runnable and
 * nothing is pending.
 *
 * <p>Where things are: {@link io.steelmill.sim.Simulation} is the API tasks call (spawn, sleep,
 * await, crash, pause, invariant); {@code RunState} is what is behind it, the state of a run its
 * parts share (the virtual clock, the run queue, the live tasks, the failure); {@code RunLoop} is
 * scheduling and virtual time (one step at a time, timers fired in deadline order, tasks registered
 * with their {@link io.steelmill.runtime.NodeId}; {@code MonitorSteps} the steps that end on a
 * monitor); {@code RunOfThread} which run the calling thread belongs to; {@code Timers} the
 * pending timers; {@code Faults} crashes and pauses; {@link io.steelmill.sim.FaultRegistry} the
 * simulated components a nemesis acts on; {@code Invariants} the checks after every step; {@code
 * Watchdog} pinned and runaway steps; {@code Carrier} the thread that runs it all and the result;
 * {@link io.steelmill.sim.SimulationBuilder} the options. {@link io.steelmill.sim.Nemesis} puts
 * faults on a schedule ({@code NemesisFaults}: what each does); {@code SweepJson} reads sweep
 * reports, {@code ReportText} writes their text. The {@code Sim*} classes are the simulated
 * bindings of the platform interfaces in {@link io.steelmill.platform}, which reach simulation
 * builds through {@link io.steelmill.sim.SimulatedPlatform} ({@code RecordedSends}: the
 * network's send path when a run records a timeline).
 *
 * <p>Needs JDK 25 and {@code --add-opens java.base/java.lang=ALL-UNNAMED}; {@link
 * io.steelmill.sim.Simulation} checks both and says exactly what to change.
 */
package io.steelmill.sim;
