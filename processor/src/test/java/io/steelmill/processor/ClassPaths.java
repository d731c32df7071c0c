package io.steelmill.processor;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Class paths as a user's build might have them. */
final class ClassPaths {
  private ClassPaths() {}

  /**
   * The tests' class path without {@code steelmill-sim}: what a production build has, or a
   * simulation build that forgot the dependency.
   */
  static String withoutSimulator() {
    return without("io.steelmill.sim.SimulatedPlatform");
  }

  /** The tests' class path without {@code steelmill-runtime}: a build that forgot it. */
  static String withoutRuntime() {
    return without("io.steelmill.runtime.Node");
  }

  /**
   * The tests' class path without the entry that holds {@code className}. Found by where the class
   * was loaded from, so it works with a module's classes folder and with its jar alike.
   */
  private static String without(String className) {
    Path entry;
    try {
      entry =
          Path.of(
              Class.forName(className)
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException(className + " must be on the tests' class path", e);
    }
    String path = System.getProperty("java.class.path");
    String without =
        Arrays.stream(path.split(File.pathSeparator))
            .filter(e -> !Path.of(e).toAbsolutePath().equals(entry.toAbsolutePath()))
            .collect(Collectors.joining(File.pathSeparator));
    if (without.equals(path)) {
      throw new IllegalStateException(entry + " is not an entry of " + path);
    }
    return without;
  }
}
