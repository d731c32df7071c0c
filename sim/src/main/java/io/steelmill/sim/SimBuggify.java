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
          + ": the probability must be between 0 and 1, not " + probability + ". Fix: pass a"
          + " probability from 0 to 1, or none for " + DEFAULT_PROBABILITY);
    }
    return Simulation.current().faults().buggify(site, probability);
  }

  /**
   * Fails the run if a static initializer calls {@code site}: a class initializes in the JVM's
   * first run that touches it only, so the site was decided (traced, drawn, numbered) in that run
   * and never again, and a seed replayed alone in a fresh JVM did otherwise than in a sweep. An
   * escape thrown through the initializer leaves the class broken, so every later run of the JVM
   * fails at the same point with the same message ({@link Escapes#earlier}). Looked for when a
   * site is first called in a run and on each call of an active site, not on every call: a
   * stack walk costs microseconds.
   */
  static void refuseInInitializer(Simulation sim, String site) {
    String type = SharedRandoms.initializerRunning();
    if (type == null) {
      return;
    }
    SimulationException error = new SimulationException(Escapes.MARK + "BUGGIFY site "
        + shown(site) + " was called inside the static initializer of " + type
        + ": a class initializes once per JVM, in the first run that touches it, so the site"
        + " would fire or not by which run came first, not by the seed. Fix: call it from a"
        + " daemon's methods (decide in its constructor or prepare() and keep it in a field),"
        + " never from a static initializer.");
    sim.fail(error);
    throw error;
  }

  /** {@code "site"} for a message: quoted, at most 60 characters, controls as {@code ?}. */
  static String shown(String site) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < site.length() && i < 60; i++) {
      char c = site.charAt(i);
      out.append(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c);
    }
    return out.append(site.length() > 60 ? "...\"" : "\"").toString();
  }
}
