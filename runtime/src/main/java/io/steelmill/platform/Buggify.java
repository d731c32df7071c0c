package io.steelmill.platform;

import io.steelmill.Production;
import io.steelmill.Simulation;

/**
 * Seeded fault points inside daemon code, as FoundationDB's {@code BUGGIFY}: {@code if
 * (buggify.fires("storage.slow-fsync")) { clock.sleep(...); }} widens a race window, takes a rare
 * branch or fails an operation that network faults would seldom reach. A site is named by the
 * caller: the name is its identity across runs and JVMs (a line number would change with every
 * edit above it), so use one stable name per site, e.g. {@code "<class>.<what>"}.
 *
 * <p>In simulation each named site is switched on or off once per seed, and a site that is on
 * fires on each call with a probability, both drawn from the seed (the two-phase rule: most runs
 * see only a few sites, so a bug that needs one site is not drowned by all the others). Every
 * firing is a fault of the run: it lands in the trace, can be left out when a seed is replayed,
 * and so takes part in shrinking. In production {@link NoBuggify} returns a constant {@code
 * false}: a two-byte method the JIT inlines and folds away with the branch it guards.
 */
@Production(NoBuggify.class)
@Simulation(bySimulator = true)
public interface Buggify {
  /** How often an active site fires when its caller gives no probability: one call in four. */
  double DEFAULT_PROBABILITY = 0.25;

  /** Whether site {@code site} fires now, with {@link #DEFAULT_PROBABILITY} when it is on. */
  boolean fires(String site);

  /**
   * Whether site {@code site} fires now: never in production; in simulation, with probability
   * {@code probability} (0 to 1) when the seed switched the site on.
   */
  boolean fires(String site, double probability);
}
