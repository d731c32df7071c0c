package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without the simulation agent a run does not start: it fails in one line saying how to add it,
 * rather than letting clock reads diverge silently. Checked in a JVM of its own, whose class
 * path has everything but the agent.
 */
class MissingAgentTest {

  /** The child JVM's program: one run, whose error is printed as the only line. */
  public static void main(String[] arguments) {
    try {
      SimResult result = Simulation.builder().seed(1).build().run(() -> Thread.sleep(10));
      System.out.println("ran: virtual ns " + result.virtualNanos() + ", failure "
          + result.failure());
    } catch (SimulationException e) {
      System.out.println(e.getMessage());
    }
  }

  @Test
  void aRunWithoutTheAgentFailsInOneLineWithTheFix() throws Exception {
    String output = runInAChildJvm(false);
    assertThat(output.lines()).as(output).hasSize(1);
    assertThat(output)
        .startsWith("The simulation agent is not installed in this JVM (steelmill-sim-agent is"
            + " not on the class path), so simulated code would read the real clock.")
        .endsWith("Fix: put io.steelmill:steelmill-sim-agent on the class path (it attaches"
            + " itself), or start the JVM with -javaagent:<path to steelmill-sim-agent.jar>.");
  }

  /**
   * With the agent on the class path and no JVM option at all (no -javaagent, no
   * allowAttachSelf), the first run attaches it through a helper JVM, and sleeps virtually.
   */
  @Test
  void withoutAnyJvmOptionTheAgentAttachesItself() throws Exception {
    String output = runInAChildJvm(true);
    assertThat(output.lines().filter(line -> line.startsWith("ran:")))
        .as(output).containsExactly("ran: virtual ns 10000000, failure null");
  }

  private static String runInAChildJvm(boolean withAgent) throws Exception {
    Set<String> classPath = new LinkedHashSet<>();
    List<Class<?>> types = new ArrayList<>(List.of(MissingAgentTest.class, Simulation.class,
        io.steelmill.platform.Clock.class, io.steelmill.Daemon.class,
        org.slf4j.LoggerFactory.class));
    if (withAgent) {
      types.add(Class.forName("io.steelmill.simagent.SimAgent"));
    }
    for (Class<?> type : types) {
      classPath.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString());
    }
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "-cp", String.join(java.io.File.pathSeparator, classPath),
        MissingAgentTest.class.getName());
    Path log = java.nio.file.Files.createTempFile("steelmill-agent-child", ".log");
    try {
      Process child = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      child.getOutputStream().close();
      if (!child.waitFor(120, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new AssertionError("the child JVM did not end within 120 s");
      }
      return java.nio.file.Files.readString(log, StandardCharsets.UTF_8).strip();
    } finally {
      java.nio.file.Files.deleteIfExists(log);
    }
  }
}
