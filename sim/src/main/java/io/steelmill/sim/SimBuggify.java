package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Buggify;

/**
 * The simulated {@link Buggify}: the running simulation's {@link FaultLedger} decides, from the
 * seed, which sites are on ({@link FaultLedger#SITE_ACTIVATION} of them) and when an active one
 * fires; each firing is a fault with an id ({@code b4}) in the trace, so a replay can leave it
 * out.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimBuggify implements Buggify {
  public SimBuggify() {}

  @Override
  public boolean fires(String site) {
    return fires(site, DEFAULT_PROBABILITY);
  }

  @Override
  public boolean fires(String site, double probability) {
    if (site == null || site.isBlank()) {
      throw new IllegalArgumentException("a BUGGIFY site needs a name, e.g."
          + " buggify.fires(\"storage.slow-fsync\")");
    }
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("BUGGIFY site \"" + site + "\": the probability must be"
          + " between 0 and 1, not " + probability);
    }
    return Simulation.current().faults().buggify(site, probability);
  }
}
