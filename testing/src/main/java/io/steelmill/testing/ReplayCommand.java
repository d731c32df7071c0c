package io.steelmill.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The command that reruns one seed of one test, written for the project the test runs in: from
 * a single-module project {@code mvn test -Dtest=...}; from a module of a multi-module build the
 * root's {@code -pl <module> -am}; {@code ./mvnw} where the root has a wrapper; and {@code
 * -Psimulation} when the build declares that profile and the test needs simulation mode.
 *
 * <p>The module is the folder surefire runs in ({@code basedir}, else {@code user.dir}); the root
 * is the outermost folder whose {@code pom.xml} lists it, directly or through intermediate
 * aggregators. A {@code pom.xml} above that does not list the module is not part of its build.
 */
final class ReplayCommand {
  private static final Pattern SIMULATION_PROFILE =
      Pattern.compile("<profile>\\s*<id>\\s*simulation\\s*</id>");

  private final Path module;
  private final Path root;

  ReplayCommand(Path module) {
    this.module = module.toAbsolutePath().normalize();
    this.root = rootOf(this.module);
  }

  /** For the module this test JVM runs in. */
  static ReplayCommand here() {
    String basedir = System.getProperty("basedir");
    String folder = basedir == null || basedir.isBlank() ? System.getProperty("user.dir") : basedir;
    return new ReplayCommand(Path.of(folder));
  }

  /**
   * The command, to run in {@link #root()}.
   *
   * @param test {@code pkg.Class#method}
   * @param simulationMode whether the test needs the build's simulation mode
   */
  String command(String test, long seed, boolean simulationMode) {
    boolean multiModule = !root.equals(module);
    StringBuilder command = new StringBuilder(Files.isRegularFile(root.resolve("mvnw")) ? "./mvnw" : "mvn");
    if (simulationMode && declaresSimulationProfile()) {
      command.append(" -Psimulation");
    }
    if (multiModule) {
      command.append(" -pl ").append(quoted(relative(root, module))).append(" -am");
    }
    command.append(" test ").append(quoted("-Dtest=" + test)).append(" -Dsteelmill.seed=").append(seed);
    if (multiModule) {
      // the other modules of -am have no such test
      command.append(" -Dsurefire.failIfNoSpecifiedTests=false");
    }
    return command.toString();
  }

  /** Where to run the command. */
  Path root() {
    return root;
  }

  private boolean declaresSimulationProfile() {
    for (Path dir = module; dir != null; dir = dir.getParent()) {
      if (SIMULATION_PROFILE.matcher(read(dir.resolve("pom.xml"))).find()) {
        return true;
      }
      if (dir.equals(root)) {
        return false;
      }
    }
    return false;
  }

  private static Path rootOf(Path module) {
    Path root = module;
    for (Path dir = module.getParent(); dir != null; dir = dir.getParent()) {
      String pom = read(dir.resolve("pom.xml"));
      String child = relative(dir, root);
      Pattern lists = Pattern.compile("<module>\\s*(\\./)?" + Pattern.quote(child) + "/?\\s*</module>");
      if (!lists.matcher(pom).find()) {
        break;
      }
      root = dir;
    }
    return root;
  }

  private static String relative(Path from, Path to) {
    return from.relativize(to).toString().replace('\\', '/');
  }

  /** A shell would expand {@code $Inner} of a nested class's name: quote such an argument. */
  private static String quoted(String argument) {
    return argument.matches("[A-Za-z0-9_.#=,*/:+-]*")
        ? argument
        : "'" + argument.replace("'", "'\\''") + "'";
  }

  private static String read(Path pom) {
    try {
      return Files.isRegularFile(pom) ? Files.readString(pom) : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
