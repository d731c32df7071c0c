package io.steelmill.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a fresh JVM and returns what it printed: what a
 * seed does in another JVM (its own {@code Set.of} salt, thread ids from zero, its own identity
 * hashes) is the only check of what one JVM cannot vary.
 */
final class FreshJvm {
  private FreshJvm() {}

  /** Runs {@code main} with the options this build's tests have (no hint about the flags). */
  static String run(Class<?> main, String... args) throws IOException, InterruptedException {
    return runWith(List.of("-D" + JvmtiTransitions.QUIET + "=false"), main, args);
  }

  /** Runs {@code main} with the options it needs and {@code options}. */
  static String runWith(List<String> options, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("--add-opens");
    command.add("java.base/java.lang=ALL-UNNAMED");
    command.add("-XX:+EnableDynamicAgentLoading"); // the simulation agent attaches itself
    command.add("-Djdk.attach.allowAttachSelf=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes(); // ends when the process does
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the fresh JVM did not end: " + command);
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError("the fresh JVM failed (" + process.exitValue() + "): " + text);
    }
    return text.strip();
  }
}
