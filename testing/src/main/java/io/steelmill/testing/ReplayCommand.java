package io.steelmill.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command that reruns one seed of one test, written for the project the test runs in: from
 * a single-module project {@code mvn test -Dtest=...}; from a module of a multi-module build the
 * root's {@code -pl <module> -am}; {@code ./mvnw} where the root has a wrapper; and {@code
 * -Psimulation} when the build declares that profile and the test needs simulation mode. A Gradle
 * project (a build script and no {@code pom.xml}) gets {@code ./gradlew :module:test --tests ...}
 * with README's {@code -Psteelmill.mode=simulation}. Every argument a POSIX shell would read
 * otherwise ({@code $} of a nested class, spaces, quotes) is single-quoted.
 *
 * <p>The module is the folder surefire runs in ({@code basedir}, else {@code user.dir}); the root
 * is the outermost folder whose {@code pom.xml} lists it (as {@code <module>}, {@code
 * <subproject>}, with or without {@code ./}, a trailing {@code /} or {@code /pom.xml}), directly,
 * through intermediate aggregators, or across folders that hold no {@code pom.xml}. Commented-out
 * modules and profiles do not count. A {@code pom.xml} above that does not list the module is not
 * part of its build.
 */
final class ReplayCommand {
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern PROFILE = Pattern.compile("<profile>(.*?)</profile>", Pattern.DOTALL);
  private static final Pattern SIMULATION_ID = Pattern.compile("<id>\\s*simulation\\s*</id>");
  private static final Pattern LISTED =
      Pattern.compile("<(module|subproject)>\\s*([^<]*?)\\s*</(module|subproject)>");
  private static final Pattern PARENT = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL);
  private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>\\s*([\\w.-]+)\\s*</");

  private final Path module;
  private final Path root;
  private final boolean gradle;

  ReplayCommand(Path module) {
    this.module = module.toAbsolutePath().normalize();
    this.gradle = !Files.isRegularFile(this.module.resolve("pom.xml")) && gradleBuild(this.module);
    this.root = gradle ? gradleRoot(this.module) : rootOf(this.module);
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
    return run(test, simulationMode) + " -Dsteelmill.seed=" + seed
        + (gradle || root.equals(module) ? "" : " -Dsurefire.failIfNoSpecifiedTests=false");
  }

  /**
   * What a simulation test compiled for production must be run with, or why this build cannot:
   * one sentence for {@link SimulationSetup}'s message.
   */
  String simulationAdvice(String test) {
    boolean multiModule = !gradle && !root.equals(module);
    String where = multiModule ? " (from " + quoted(root.toString()) + ")" : "";
    if (!gradle && !declaresSimulationProfile()) {
      return "add the simulation profile of Steelmill's README (\"Using Steelmill in your build\":"
          + " it compiles with -Asteelmill.mode=simulation), then run" + where + " "
          + run(test, false).replace(" test ", " -Psimulation test ")
          + (multiModule ? " -Dsurefire.failIfNoSpecifiedTests=false" : "");
    }
    return "run it in simulation mode" + where + ": " + run(test, true)
        + (multiModule ? " -Dsurefire.failIfNoSpecifiedTests=false" : "");
  }

  /** Where to run the command. */
  Path root() {
    return root;
  }

  private String run(String test, boolean simulationMode) {
    return gradle ? gradleRun(test, simulationMode) : mavenRun(test, simulationMode);
  }

  private String mavenRun(String test, boolean simulationMode) {
    StringBuilder command =
        new StringBuilder(Files.isRegularFile(root.resolve("mvnw")) ? "./mvnw" : "mvn");
    if (simulationMode && declaresSimulationProfile()) {
      command.append(" -Psimulation");
    }
    if (!root.equals(module)) {
      command.append(" -pl ").append(quoted(projectSelector())).append(" -am");
    }
    return command.append(" test ").append(quoted("-Dtest=" + test)).toString();
  }

  /**
   * Gradle's filter reads {@code pkg.Class.method}; the mode is README's project property. A
   * {@code -D} on Gradle's command line reaches the test JVM only through README's forwarding of
   * {@code steelmill.*} properties.
   */
  private String gradleRun(String test, boolean simulationMode) {
    StringBuilder command =
        new StringBuilder(Files.isRegularFile(root.resolve("gradlew")) ? "./gradlew" : "gradle");
    if (simulationMode) {
      command.append(" -Psteelmill.mode=simulation");
    }
    String path = root.equals(module) ? "" : ":" + relative(root, module).replace('/', ':');
    return command.append(' ').append(quoted(path + (path.isEmpty() ? "test" : ":test")))
        .append(" --tests ").append(quoted(test.replace('#', '.'))).toString();
  }

  /**
   * The module's path from the root, or {@code :artifactId} when the path has a comma (which
   * {@code -pl} reads as a list separator, whatever the quoting).
   */
  private String projectSelector() {
    String path = relative(root, module);
    if (path.startsWith("-")) {
      path = "./" + path; // else Maven reads the folder as an option
    }
    if (!path.contains(",")) {
      return path;
    }
    String pom = PARENT.matcher(read(module.resolve("pom.xml"))).replaceAll("");
    Matcher artifact = ARTIFACT_ID.matcher(pom);
    return artifact.find() ? ":" + artifact.group(1) : path;
  }

  private boolean declaresSimulationProfile() {
    for (Path dir = module; dir != null; dir = dir.getParent()) {
      Matcher profile = PROFILE.matcher(read(dir.resolve("pom.xml")));
      while (profile.find()) {
        if (SIMULATION_ID.matcher(profile.group(1)).find()) {
          return true;
        }
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
      if (lists(read(dir.resolve("pom.xml")), relative(dir, root))) {
        root = dir;
      }
    }
    return root;
  }

  /** Whether {@code pom} lists the folder {@code child} as a module of its build. */
  private static boolean lists(String pom, String child) {
    Matcher listed = LISTED.matcher(pom);
    while (listed.find()) {
      String entry = listed.group(2).replace('\\', '/');
      entry = entry.endsWith("/pom.xml") ? entry.substring(0, entry.length() - 8) : entry;
      while (entry.startsWith("./")) {
        entry = entry.substring(2);
      }
      while (entry.endsWith("/")) {
        entry = entry.substring(0, entry.length() - 1);
      }
      if (entry.equals(child)) {
        return true;
      }
    }
    return false;
  }

  private static boolean gradleBuild(Path dir) {
    return Files.isRegularFile(dir.resolve("build.gradle"))
        || Files.isRegularFile(dir.resolve("build.gradle.kts"))
        || gradleSettings(dir);
  }

  private static boolean gradleSettings(Path dir) {
    return Files.isRegularFile(dir.resolve("settings.gradle"))
        || Files.isRegularFile(dir.resolve("settings.gradle.kts"));
  }

  /** As Gradle finds it: the nearest folder, this one or above, with a settings script. */
  private static Path gradleRoot(Path module) {
    for (Path dir = module; dir != null; dir = dir.getParent()) {
      if (gradleSettings(dir)) {
        return dir;
      }
    }
    return module;
  }

  private static String relative(Path from, Path to) {
    return from.relativize(to).toString().replace('\\', '/');
  }

  /**
   * A shell would expand {@code $Inner} of a nested class's name, a {@code *} glob, or read a
   * leading {@code #} as a comment: quote such an argument. zsh also expands a leading
   * {@code =word} to a command's path, and with {@code extendedglob} reads {@code #} anywhere as a
   * glob operator ({@code -Dtest=Store#run} then fails with "no matches found"): quote those too.
   */
  static String quoted(String argument) {
    return argument.matches("[A-Za-z0-9_.,/:+-][A-Za-z0-9_.=,/:+-]*")
        ? argument
        : "'" + argument.replace("'", "'\\''") + "'";
  }

  /** The pom's text without comments (a commented-out module or profile is not there). */
  private static String read(Path pom) {
    try {
      return Files.isRegularFile(pom)
          ? COMMENT.matcher(Files.readString(pom)).replaceAll("") : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
