package io.steelmill.simagent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the agent into the running JVM when it was not started with {@code -javaagent}: by
 * the JDK's attach API, from this JVM when {@code -Djdk.attach.allowAttachSelf=true} allows it,
 * else from a short-lived helper JVM ({@link Attacher}) started with this JVM's own {@code java}.
 * Either way the agent jar is written from the agent's own classes, so it works from a jar, a
 * Maven reactor's {@code target/classes}, or a fat jar. {@code -XX:+EnableDynamicAgentLoading}
 * silences the JDK's warning about a dynamically loaded agent.
 */
final class SelfAttach {
  private static final long HELPER_SECONDS = 60;

  private SelfAttach() {}

  static synchronized String ensureInstalled() {
    if (installed()) {
      return null;
    }
    String failure;
    try {
      Path jar = BootJar.agentJar();
      String pid = Long.toString(ProcessHandle.current().pid());
      failure = Boolean.getBoolean("jdk.attach.allowAttachSelf")
          ? Attacher.attach(pid, jar.toString())
          : attachFromHelper(pid, jar);
    } catch (IOException e) {
      failure = e.toString();
    }
    if (failure == null && !installed()) {
      failure = "the agent loaded but did not install itself";
    }
    return failure;
  }

  /** Whether the agent finished installing in this JVM (its bootstrap class says so). */
  static boolean installed() {
    try {
      Class<?> clock = Class.forName(SimAgent.CLOCK_CLASS, false, null);
      return (Boolean) clock.getMethod("agentInstalled").invoke(null);
    } catch (ClassNotFoundException e) {
      return false;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("steelmill-sim-agent: unreadable VirtualClock", e);
    }
  }

  private static String attachFromHelper(String pid, Path jar) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp", jar.toString(),
        Attacher.class.getName(), pid, jar.toString()));
    builder.redirectErrorStream(true);
    Process helper = builder.start();
    try {
      helper.getOutputStream().close();
      if (!helper.waitFor(HELPER_SECONDS, TimeUnit.SECONDS)) {
        helper.destroyForcibly();
        return "the attaching helper JVM did not finish within " + HELPER_SECONDS + " s";
      }
      String output = new String(helper.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .strip();
      return helper.exitValue() == 0 ? null
          : "attaching failed: " + (output.isEmpty() ? "exit " + helper.exitValue() : output);
    } catch (InterruptedException e) {
      helper.destroyForcibly();
      Thread.currentThread().interrupt();
      return "interrupted while attaching the agent";
    }
  }
}
