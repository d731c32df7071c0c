/**
 * Client histories and linearizability checking. {@link io.steelmill.sim.history.History}
 * records what clients invoked and what came back (with virtual times in a simulation), {@link
 * io.steelmill.sim.history.HistoryFormat} reads and writes Jepsen's EDN format, and {@link
 * io.steelmill.sim.history.LinearizabilityChecker} decides whether some sequential order of the
 * operations, consistent with real time, satisfies a {@link io.steelmill.sim.history.Model}.
 * Nothing here depends on the simulation kernel: it checks real systems' Jepsen files too.
 */
package io.steelmill.sim.history;
