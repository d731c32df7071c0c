/**
 * The deterministic simulation kernel. Every simulated task is a virtual thread on one scheduler
 * that {@link io.steelmill.sim.Simulation} owns and drives from a single carrier thread: it picks
 * the next runnable task with a seeded PRNG, advances virtual time only when nothing can run,
 * hashes every decision into a trace, and reports a hang the instant nothing is runnable and
 * nothing is pending. The {@code Sim*} classes are the {@code @Simulation} bindings of the
 * platform interfaces in {@link io.steelmill.platform}.
 *
 * <p>Needs JDK 25 and {@code --add-opens java.base/java.lang=ALL-UNNAMED}; {@link
 * io.steelmill.sim.Simulation} checks both and says exactly what to change.
 */
package io.steelmill.sim;
