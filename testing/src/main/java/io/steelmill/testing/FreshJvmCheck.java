package io.steelmill.testing;

import io.steelmill.sim.SimResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The half of the determinism self-check that one JVM cannot do: the seed runs again in a fresh
 * JVM, through the JUnit launcher (so the test's own lifecycle methods run as usual), and its
 * trace hash must equal this JVM's. What a JVM decides once at start-up, and the same way in
 * every run inside it, shows only there: the salt of {@code Set.of}/{@code Map.of} iteration,
 * class initialization done by an earlier test. On by default for the checked seed; {@code
 * -Dsteelmill.checkInFreshJvm=false} turns it off.
 */
final class FreshJvmCheck {
  static final String PROPERTY = "steelmill.checkInFreshJvm";
  /** Set in the child: the file it writes its hash and full trace to. */
  static final String CHILD_PROPERTY = "steelmill.freshJvm.out";
  /** The child's exit code when the launcher is missing. */
  static final int LAUNCHER_MISSING = 3;

  private FreshJvmCheck() {}

  /** Whether this JVM is the fresh one: it runs one seed and only records it. */
  static boolean isChild() {
    return System.getProperty(CHILD_PROPERTY) != null;
  }

  /** Whether the parent should run the check (off in the child and when turned off). */
  static boolean enabled(ExtensionContext context) {
    // the check of the value lives in SimulationExtension: this class is also the child's main
    // class, whose class path may lack JUnit (see FreshJvmLauncherTest)
    return !isChild() && SimulationExtension.flag(context, PROPERTY, true);
  }

  /** In the child: writes the run's hash and full trace for the parent to compare. */
  static void record(SimResult result) {
    List<String> lines = new ArrayList<>();
    lines.add(result.traceSha256());
    lines.addAll(result.fullTrace());
    try {
      Files.write(Path.of(System.getProperty(CHILD_PROPERTY)), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the fresh JVM's trace: " + e, e);
    }
  }

  /**
   * Runs {@code seed} of the current test method in a fresh JVM with this JVM's classpath and
   * module options; its result carries the hash and the full trace. A class path without the
   * JUnit launcher fails the check (it would otherwise pass without having run).
   *
   * @param limitMillis how long the child may take (real time)
   */
  static SimResult run(ExtensionContext context, long seed, long limitMillis)
      throws IOException, InterruptedException {
    Method method = context.getRequiredTestMethod();
    Path out = Files.createTempFile("steelmill-fresh-jvm", ".trace");
    Path log = Files.createTempFile("steelmill-fresh-jvm", ".log");
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(FreshJvmCheck.class.getName());
      command.add(context.getRequiredTestClass().getName());
      command.add(method.getName());
      command.add(Arrays.stream(method.getParameterTypes()).map(Class::getName)
          .collect(Collectors.joining(",")));
      command.add(Long.toString(seed));
      command.add(out.toString());
      Process child = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!child.waitFor(limitMillis, TimeUnit.MILLISECONDS)) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("The determinism check's run of seed " + seed + " in a fresh JVM"
            + " took over " + limitMillis + " ms. Fix: -D" + PROPERTY + "=false skips it.");
      }
      if (child.exitValue() == LAUNCHER_MISSING) {
        throw new AssertionError("The determinism check cannot run seed " + seed + " in a fresh"
            + " JVM: the JUnit Platform launcher is not on the test class path. Fix: add"
            + " org.junit.platform:junit-platform-launcher (test scope; steelmill-testing brings"
            + " it unless excluded), or -D" + PROPERTY + "=false to skip the check.");
      }
      List<String> lines = Files.size(out) == 0 ? List.of() : Files.readAllLines(out);
      if (lines.isEmpty()) {
        throw new AssertionError("The determinism check could not run seed " + seed + " in a"
            + " fresh JVM (exit " + child.exitValue() + "):\n" + tail(log)
            + "\nFix: -D" + PROPERTY + "=false skips it.");
      }
      return new SimResult(seed, 0, 0, 0, 0, lines.get(0), List.of(),
          lines.subList(1, lines.size()), null, List.of());
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(log);
    }
  }

  /** The options this JVM was started with that the child needs; never a debugger's. */
  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      boolean debugger = option.startsWith("-agentlib:") || option.startsWith("-agentpath:")
          || option.startsWith("-Xrunjdwp") || option.equals("-Xdebug");
      if (!debugger && !option.startsWith("-D" + CHILD_PROPERTY)) {
        options.add(option);
      }
    }
    return options;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /**
   * The child: runs one test method for one seed through the JUnit launcher (reflectively: the
   * launcher is on every JUnit Platform test run's classpath, not a dependency of this module).
   * Arguments: class, method, parameter types (comma-separated), seed, output file.
   */
  public static void main(String[] args) throws Exception {
    System.setProperty(SimulationExtension.SEED_PROPERTY, args[3]);
    System.setProperty(CHILD_PROPERTY, args[4]);
    Object launcher;
    Class<?> selectors;
    Class<?> requests;
    try {
      launcher = Class.forName("org.junit.platform.launcher.core.LauncherFactory")
          .getMethod("create").invoke(null);
      selectors = Class.forName("org.junit.platform.engine.discovery.DiscoverySelectors");
      requests = Class.forName("org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder");
    } catch (ClassNotFoundException e) {
      System.exit(LAUNCHER_MISSING);
      return;
    }
    Object selector = selectors.getMethod("selectMethod", String.class, String.class, String.class)
        .invoke(null, args[0], args[1], args[2]);
    Object array = Array.newInstance(
        Class.forName("org.junit.platform.engine.DiscoverySelector"), 1);
    Array.set(array, 0, selector);
    Object builder = requests.getMethod("request").invoke(null);
    requests.getMethod("selectors", array.getClass()).invoke(builder, array);
    Object request = requests.getMethod("build").invoke(builder);
    Object listeners = Array.newInstance(
        Class.forName("org.junit.platform.launcher.TestExecutionListener"), 0);
    Class.forName("org.junit.platform.launcher.Launcher").getMethod("execute",
            Class.forName("org.junit.platform.launcher.LauncherDiscoveryRequest"),
            listeners.getClass())
        .invoke(launcher, request, listeners);
    System.exit(0);
  }
}
