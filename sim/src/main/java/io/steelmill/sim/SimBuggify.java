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
      throw new IllegalArgumentException("a BUGGIFY site needs a name. Fix: give each site one"
          + " stable name, e.g. buggify.fires(\"storage.slow-fsync\")");
    }
    if (!(probability >= 0 && probability <= 1)) {
      // the site is the caller's text: quoted, bounded, on one line
      throw new IllegalArgumentException("BUGGIFY site " + shown(site)
          + ": the probability must be between 0 and 1, not " + probability + ". Fix: pass a probability from 0 to 1,"
          + " or none for " + DEFAULT_PROBABILITY);
    }
    return Simulation.current().faults().buggify(site, probability);
  }

  /** {@code "site"} for a message: quoted, at most 60 characters, controls as {@code ?}. */
  private static String shown(String site) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < site.length() && i < 60; i++) {
      char c = site.charAt(i);
      out.append(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c);
    }
    return out.append(site.length() > 60 ? "...\"" : "\"").toString();
  }
}
