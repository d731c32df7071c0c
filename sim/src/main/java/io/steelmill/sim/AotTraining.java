package io.steelmill.sim;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * A training run for JDK 25's AOT cache ({@code -XX:AOTCacheOutput=<file>}, JEP 483/514/515): the
 * JVM records which classes it loads and how hot methods behave, and a later JVM started with
 * {@code -XX:AOTCache=<file>} starts with them loaded and linked and compiles sooner. JDK 25.0.3
 * crashes writing that cache when the simulation agent has retransformed classes (in {@code
 * ArchiveBuilder}), and a cache written with the agent's own class in {@code java.base} crashes
 * the JVM that reads it; so a training run, and only one, runs without the agent when {@code
 * -Dsteelmill.aotTraining=true} asks for it. Its clock reads are then real: it trains the JIT, it
 * is no result. The later runs with the cache install the agent as every run does.
 */
final class AotTraining {
  /** The system property that asks for a training run. */
  static final String PROPERTY = "steelmill.aotTraining";

  private AotTraining() {}

  /**
   * Whether this JVM is an AOT training run that asked to run without the agent; says so once on
   * standard error. Free when the property is not set (no management bean is loaded).
   *
   * @throws SimulationException if the property is set but the JVM records no AOT cache
   */
  static boolean active() {
    if (!Boolean.getBoolean(PROPERTY)) {
      return false;
    }
    if (!recording()) {
      throw new SimulationException("-D" + PROPERTY + "=true is for a JVM that records an AOT"
          + " cache, and this one records none, so the simulation agent stays required. Fix: add"
          + " -XX:AOTCacheOutput=<file> (JDK 25 or later) to the training run, or drop -D"
          + PROPERTY + ".");
    }
    System.err.println("steelmill: AOT training run (-D" + PROPERTY + "=true): the simulation"
        + " agent is not installed, so clock reads are real in this run; it trains the cache,"
        + " its figures and trace are no result");
    return true;
  }

  /** Whether the JVM writes an AOT cache or configuration at exit. */
  private static boolean recording() {
    try {
      HotSpotDiagnosticMXBean hotSpot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (hotSpot == null) {
        return false;
      }
      return !hotSpot.getVMOption("AOTCacheOutput").getValue().isEmpty()
          || "record".equals(hotSpot.getVMOption("AOTMode").getValue());
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      return false; // a JVM without these options (before JDK 24, not HotSpot) records none
    }
  }
}
