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
   * simulation build that forgot the dependency. Found by where the simulator's platform module
   * was loaded from, so it works with the module's classes folder and with its jar alike.
   */
  static String withoutSimulator() {
    Path simulator;
    try {
      simulator =
          Path.of(
              Class.forName("io.steelmill.sim.SimulatedPlatform")
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException("steelmill-sim must be on the tests' class path", e);
    }
    String path = System.getProperty("java.class.path");
    String without =
        Arrays.stream(path.split(File.pathSeparator))
            .filter(entry -> !Path.of(entry).toAbsolutePath().equals(simulator.toAbsolutePath()))
            .collect(Collectors.joining(File.pathSeparator));
    if (without.equals(path)) {
      throw new IllegalStateException(simulator + " is not an entry of " + path);
    }
    return without;
  }
}
