package io.steelmill.sim;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker JVM that runs like this one: the same {@code java} (this JVM's
 * {@code java.home}), the same JVM options (heap, collector, {@code -D} properties, {@code -XX}
 * flags) and the same class path, then a main class and its arguments. Left out: a debugger's
 * agent (two JVMs cannot listen on one port) and a flight recording started by a flag (the
 * workers would all write the parent's file).
 */
public final class WorkerJvm {
  private WorkerJvm() {}

  /**
   * The command that runs {@code mainClass} with {@code arguments} in a JVM like this one.
   *
   * @throws IllegalStateException if {@code mainClass} is not on this JVM's class path (it was
   *     loaded by another class loader, as Maven's {@code exec:java} does), so a worker started
   *     with that class path could not find it
   */
  public static List<String> command(Class<?> mainClass, List<String> arguments) {
    if (mainClass.getClassLoader() != ClassLoader.getSystemClassLoader()) {
      throw new IllegalStateException(mainClass.getName() + " was not loaded from this JVM's"
          + " class path (Maven's exec:java loads it another way), so a worker JVM could not"
          + " start it: run the command with java -cp");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!isLeftOut(option)) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(arguments);
    return command;
  }

  private static boolean isLeftOut(String option) {
    return option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp")
        || option.equals("-Xdebug") || option.startsWith("-XX:StartFlightRecording");
  }
}
