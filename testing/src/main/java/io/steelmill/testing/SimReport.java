package io.steelmill.testing;

import io.steelmill.sim.FaultMask;
import io.steelmill.sim.SimResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The failure report of a simulation test: the seed, the virtual time, the exact command that
 * replays it, the failure (with the blocked tasks of a hang), the last trace events. Printed and
 * written to {@code target/steelmill-reports/<class>/<method>/seed-<N>.txt}.
 */
final class SimReport {
  private SimReport() {}

  static AssertionError failure(ExtensionContext context, SimResult result) {
    return failure(context, result, "");
  }

  /** The report, with {@code shrunk} (what shrinking found, or "") after the replay command. */
  static AssertionError failure(ExtensionContext context, SimResult result, String shrunk) {
    String text =
        "Simulation failed: seed=" + result.seed() + " at virtual time " + result.virtualTime()
            + "\nReplay: " + replay(context, result.seed()) + "\n" + shrunk
            + result.report();
    String file = write(context, result.seed(), text);
    // the message is the whole report: surefire prints it once, nothing else goes to stderr
    return new AssertionError(text + "Report: " + file, result.failure());
  }

  static AssertionError nondeterministic(
      ExtensionContext context, SimResult first, SimResult second, String where) {
    List<String> a = first.fullTrace();
    List<String> b = second.fullTrace();
    int index = 0;
    while (index < a.size() && index < b.size() && a.get(index).equals(b.get(index))) {
      index++;
    }
    String text =
        "Determinism check failed: seed=" + first.seed() + " run again " + where
            + " gave a different trace (" + first.traceSha256() + " and "
            + second.traceSha256() + ").\n"
            + "First difference, at event " + index + ":\n"
            + "  first run:  " + (index < a.size() ? a.get(index) : "(end of trace)") + "\n"
            + "  second run: " + (index < b.size() ? b.get(index) : "(end of trace)") + "\n"
            + "Usual causes: a wall-clock read (System.currentTimeMillis, Instant.now) or a value"
            + " derived from one sent or written to disk, iteration over a HashMap/HashSet of"
            + " objects with identity hash codes (threads, enums) or keyed by thread ids, static"
            + " state shared between runs, Set.of/Map.of order (salted per JVM), a clock the"
            + " simulation agent cannot make virtual (read by reflection or native code).\nReplay: "
            + replay(context, first.seed()) + "\n";
    String file = write(context, first.seed(), text);
    return new AssertionError(text + "Report: " + file);
  }

  /**
   * The command for this project (see {@link ReplayCommand}), with the faults this run was
   * limited to ({@code -Dsteelmill.faults}, as a shrink's replay sets it): without them the seed
   * would replay with all its faults, another run.
   */
  static String replay(ExtensionContext context, long seed) {
    FaultMask mask = FailureShrink.mask(
        SimulationExtension.setting(context, SimulationExtension.FAULTS_PROPERTY, null));
    return replay(context, seed, mask);
  }

  /** The command that replays {@code seed} with only the faults {@code mask} lets through. */
  static String replay(ExtensionContext context, long seed, FaultMask mask) {
    String test = context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName();
    SimulationTest settings = context.getRequiredTestMethod().getAnnotation(SimulationTest.class);
    boolean simulationMode = settings == null || SimulationSetup.needsSimulationMode(settings);
    return ReplayCommand.here().command(test, seed, simulationMode)
        + (mask.isAll() ? "" : " -D" + SimulationExtension.FAULTS_PROPERTY + "=" + mask);
  }

  /** Where this test method's reports go. */
  static Path directory(ExtensionContext context) {
    return Path.of("target", "steelmill-reports", context.getRequiredTestClass().getName(),
        context.getRequiredTestMethod().getName());
  }

  private static String write(ExtensionContext context, long seed, String text) {
    Path file = directory(context).resolve("seed-" + seed + ".txt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file.toAbsolutePath().toString();
    } catch (IOException e) {
      return "(not written: " + e + ")";
    }
  }
}
