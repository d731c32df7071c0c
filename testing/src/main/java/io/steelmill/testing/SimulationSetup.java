package io.steelmill.testing;

import java.lang.reflect.Field;
import java.util.Optional;

/**
 * Checks, before any seed runs, what a simulation test needs from its build, so a mistake there
 * reads as one line with its fix instead of an initializer error deep in the kernel.
 */
final class SimulationSetup {
  static final String ADD_OPENS = "--add-opens java.base/java.lang=ALL-UNNAMED";

  /**
   * The most seeds one test method runs, from its annotation or {@code -Dsteelmill.seeds}: a
   * million seeds of a trivial test are hours; more is a typo (an extra zero, a variable holding
   * something else), not a plan, and a larger sweep is split into shards. The CLI's bound.
   */
  static final int MAX_SEEDS = 1_000_000;

  /** The most hosts a test's cluster has: each is a node with its own daemons and tasks. */
  static final int MAX_NODES = 1_000;

  private SimulationSetup() {}

  /** {@code test}: {@code pkg.Class#method}, for the command a mistake's fix names. */
  static void check(SimulationTest settings, String test) {
    int feature = Runtime.version().feature();
    if (feature < 25) {
      throw new SimulationSetupException("Steelmill simulation tests need JDK 25 or later; this is"
          + " JDK " + Runtime.version() + ". Fix: run the tests on JDK 25 (the toolchains plugin"
          + " with <version>[25,)</version> in the simulation profile picks one).");
    }
    if (!Object.class.getModule().isOpen("java.lang", SimulationSetup.class.getModule())) {
      throw new SimulationSetupException("Steelmill simulation tests need the JVM option "
          + ADD_OPENS + ". Fix: add it to the maven-surefire-plugin <argLine>.");
    }
    checkCounts(settings);
    checkDurations(settings);
    if (!settings.linearizable().isEmpty()
        && io.steelmill.sim.history.Models.named(settings.linearizable()) == null) {
      throw new SimulationSetupException("@SimulationTest(linearizable = \""
          + oneLine(settings.linearizable()) + "\") names no model. Fix: use one of "
          + io.steelmill.sim.history.Models.NAMES + ", or leave it empty for no check.");
    }
    if (settings.shrinkBudget() < 0 || settings.shrinkBudget() > 10_000) {
      throw new SimulationSetupException("@SimulationTest(shrinkBudget = "
          + settings.shrinkBudget() + "): give 0 (no shrinking) to 10000 replays.");
    }
    if (modeOf(settings.factory()).filter("production"::equals).isPresent()) {
      throw new SimulationSetupException(settings.factory().getSimpleName() + ": this factory was"
          + " generated for production mode, so this simulation test cannot run in this build."
          + " Fix: " + ReplayCommand.here().simulationAdvice(test));
    }
    String agent = agentFailure();
    if (agent != null) {
      throw new SimulationSetupException("The simulation agent is not installed in this JVM ("
          + agent + "), so simulated code would read the real clock. Fix: put"
          + " io.steelmill:steelmill-sim-agent on the test class path (it attaches itself), or"
          + " add -javaagent:<path to steelmill-sim-agent.jar> to the surefire <argLine>.");
    }
  }

  private static void checkCounts(SimulationTest settings) {
    if (settings.seeds() < 1 || settings.seeds() > MAX_SEEDS) {
      throw new SimulationSetupException("@SimulationTest(seeds = " + settings.seeds() + ") is"
          + " out of range. Fix: give 1 to " + MAX_SEEDS + " seeds (split a larger sweep into"
          + " shards with -Dsteelmill.shard=I/N).");
    }
    if (settings.nodes() < 1 || settings.nodes() > MAX_NODES) {
      throw new SimulationSetupException("@SimulationTest(nodes = " + settings.nodes() + ") is"
          + " out of range. Fix: give 1 to " + MAX_NODES + " hosts.");
    }
  }

  /** Both durations parse and are positive, before a seed runs (not at the first history). */
  private static void checkDurations(SimulationTest settings) {
    String[][] durations = {{"maxVirtualTime", settings.maxVirtualTime()},
        {"checkTimeout", settings.checkTimeout()}};
    for (String[] duration : durations) {
      try {
        io.steelmill.platform.Durations.parsePositive(duration[1]);
      } catch (IllegalArgumentException e) {
        throw new SimulationSetupException("@SimulationTest(" + duration[0] + " = \""
            + oneLine(duration[1]) + "\"): "
            + e.getMessage().replace("; " + io.steelmill.platform.Durations.FORMS, "")
            + ". Fix: " + io.steelmill.platform.Durations.FORMS + ".");
      }
    }
  }

  private static String oneLine(String text) {
    String clipped = text.length() > 60 ? text.substring(0, 60) + "..." : text;
    return clipped.replaceAll("[\\r\\n]+", " ");
  }

  /**
   * Why the simulation agent (which makes simulated code's clock reads virtual) is not in this
   * JVM after trying to attach it, or null when it is. Reflective: the agent is built for JDK 25.
   */
  static String agentFailure() {
    try {
      Class<?> agent = Class.forName("io.steelmill.simagent.SimAgent", true,
          SimulationSetup.class.getClassLoader());
      return (String) agent.getMethod("ensureInstalled").invoke(null);
    } catch (ClassNotFoundException e) {
      return "steelmill-sim-agent is not on the class path";
    } catch (java.lang.reflect.InvocationTargetException e) {
      return String.valueOf(e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      return e.toString();
    }
  }

  /** Whether a replay needs the build's simulation mode: unless the factory is production's. */
  static boolean needsSimulationMode(SimulationTest settings) {
    return modeOf(settings.factory()).map("simulation"::equals).orElse(true);
  }

  /**
   * The mode the factory's generated class was written for ({@code MODE}); empty without a
   * factory, or when the class is missing (the cluster's own error explains that).
   */
  static Optional<String> modeOf(Class<?> factory) {
    if (factory == void.class) {
      return Optional.empty();
    }
    try {
      Class<?> generated =
          Class.forName(SimSession.generatedName(factory), false, factory.getClassLoader());
      Field mode = generated.getField("MODE");
      return Optional.of(String.valueOf(mode.get(null)));
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }
}
