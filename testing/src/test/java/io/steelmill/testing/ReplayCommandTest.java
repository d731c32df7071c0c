package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay command fits the project layout it is printed in. */
class ReplayCommandTest {
  private static final String TEST = "com.acme.StoreTest#survives";

  @TempDir Path dir;

  private Path pom(Path folder, String body) throws IOException {
    Files.createDirectories(folder);
    return Files.writeString(folder.resolve("pom.xml"), "<project>" + body + "</project>");
  }

  private static String modules(String... names) {
    StringBuilder out = new StringBuilder("<modules>");
    for (String name : names) {
      out.append("\n  <module>").append(name).append("</module>");
    }
    return out.append("\n</modules>").toString();
  }

  private static final String SIMULATION_PROFILE =
      "<profiles><profile>\n  <id>simulation</id><properties/></profile></profiles>";

  @Test
  void singleModuleProjectGetsAPlainMvnCommand() throws IOException {
    pom(dir, "");

    assertThat(new ReplayCommand(dir).command(TEST, 3, true))
        .isEqualTo("mvn test '-Dtest=com.acme.StoreTest#survives' -Dsteelmill.seed=3");
  }

  @Test
  void aWrapperAndTheSimulationProfileAreUsedWhenThere() throws IOException {
    pom(dir, SIMULATION_PROFILE);
    Files.writeString(dir.resolve("mvnw"), "#!/bin/sh\n");

    assertThat(new ReplayCommand(dir).command(TEST, 7, true))
        .isEqualTo(
            "./mvnw -Psimulation test '-Dtest=com.acme.StoreTest#survives' -Dsteelmill.seed=7");
    // a production-mode factory's test does not need the profile
    assertThat(new ReplayCommand(dir).command(TEST, 7, false))
        .isEqualTo("./mvnw test '-Dtest=com.acme.StoreTest#survives' -Dsteelmill.seed=7");
  }

  @Test
  void aModuleOfAMultiModuleBuildIsSelectedFromTheRoot() throws IOException {
    pom(dir, modules("core", "services") + SIMULATION_PROFILE);
    pom(dir.resolve("services"), modules("store/"));
    Path store = dir.resolve("services/store");
    pom(store, "");

    ReplayCommand replay = new ReplayCommand(store);
    assertThat(replay.root()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(replay.command(TEST, 12, true))
        .isEqualTo("mvn -Psimulation -pl services/store -am test"
            + " '-Dtest=com.acme.StoreTest#survives' -Dsteelmill.seed=12"
            + " -Dsurefire.failIfNoSpecifiedTests=false");
  }

  @Test
  void aPomAboveThatDoesNotListTheModuleIsNotItsBuild() throws IOException {
    pom(dir, modules("other", "app-old") + SIMULATION_PROFILE);
    Path app = dir.resolve("app");
    pom(app, "");

    assertThat(new ReplayCommand(app).command(TEST, 1, true))
        .isEqualTo("mvn test '-Dtest=com.acme.StoreTest#survives' -Dsteelmill.seed=1");
  }

  @Test
  void aModuleNameThatIsAPrefixOfAnotherIsNotConfused() throws IOException {
    pom(dir, modules("app-server"));
    Path app = dir.resolve("app");
    pom(app, "");

    assertThat(new ReplayCommand(app).root()).isEqualTo(app.toAbsolutePath().normalize());
  }

  @Test
  void aNestedClassIsQuotedForTheShell() throws IOException {
    pom(dir, "");

    assertThat(new ReplayCommand(dir).command("com.acme.Outer$Inner#run", 5, false))
        .isEqualTo("mvn test '-Dtest=com.acme.Outer$Inner#run' -Dsteelmill.seed=5");
  }

  @Test
  void aModuleFolderWithASpaceIsQuoted() throws IOException {
    pom(dir, modules("my store"));
    Path store = dir.resolve("my store");
    pom(store, "");

    assertThat(new ReplayCommand(store).command(TEST, 9, false))
        .startsWith("mvn -pl 'my store' -am test ");
  }

  @Test
  void noPomAtAllStillGivesACommand() {
    assertThat(new ReplayCommand(dir.resolve("missing")).command(TEST, 2, true))
        .isEqualTo("mvn test '-Dtest=com.acme.StoreTest#survives' -Dsteelmill.seed=2");
  }

  @Test
  void thisRepositoryIsDetectedFromSurefiresBasedir() {
    ReplayCommand here = ReplayCommand.here();

    assertThat(here.root().resolve("testing/pom.xml")).exists();
    assertThat(here.command(TEST, 4, true))
        .startsWith("./mvnw -Psimulation -pl testing -am test ");
  }

  // The red team of 2026-12-01 (issue 16): layouts and names a hostile new user has.

  @Test
  void aModuleUnderAFolderWithoutAPomIsFoundFromTheRoot() throws IOException {
    pom(dir, modules("modules/app", "./libs/core/pom.xml") + SIMULATION_PROFILE);
    Path app = dir.resolve("modules/app");
    pom(app, "");
    Path core = dir.resolve("libs/core");
    pom(core, "");

    assertThat(new ReplayCommand(app).command(TEST, 4, true))
        .isEqualTo("mvn -Psimulation -pl modules/app -am test"
            + " '-Dtest=com.acme.StoreTest#survives' -Dsteelmill.seed=4"
            + " -Dsurefire.failIfNoSpecifiedTests=false");
    assertThat(new ReplayCommand(core).root()).isEqualTo(dir.toAbsolutePath().normalize());
  }

  @Test
  void anAggregatorBetweenThatOnlyInheritsDoesNotHideTheRoot() throws IOException {
    pom(dir, modules("services/store", "services"));
    pom(dir.resolve("services"), "<packaging>pom</packaging>"); // a parent, not an aggregator
    Path store = dir.resolve("services/store");
    pom(store, "");

    assertThat(new ReplayCommand(store).root()).isEqualTo(dir.toAbsolutePath().normalize());
  }

  @Test
  void commentedOutModulesAndProfilesDoNotCount() throws IOException {
    pom(dir, "<!-- <modules><module>app</module></modules> -->"
        + "<!-- <profiles><profile><id>simulation</id></profile></profiles> -->");
    Path app = dir.resolve("app");
    pom(app, "<!--<profile><id>simulation</id></profile>-->");

    assertThat(new ReplayCommand(app).command(TEST, 1, true))
        .isEqualTo("mvn test '-Dtest=com.acme.StoreTest#survives' -Dsteelmill.seed=1");
  }

  @Test
  void aSimulationProfileIsFoundWhateverComesBeforeItsId() throws IOException {
    pom(dir, "<profiles><profile><!-- the simulator --><activation><property><name>sim</name>"
        + "</property></activation>\n  <id>simulation</id></profile></profiles>");

    assertThat(new ReplayCommand(dir).command(TEST, 2, true)).startsWith("mvn -Psimulation test ");
  }

  @Test
  void pathsWithQuotesSpacesDollarsAndCommasStayOneArgument() throws IOException {
    String[] names = {"it's here", "a \"b\" $HOME `x` ;|&", "a,b"};
    pom(dir, modules(names[0] + "/m", names[1], names[2]));
    pom(dir.resolve(names[0] + "/m"), "");
    pom(dir.resolve(names[1]), "");
    pom(dir.resolve(names[2]), "<parent><artifactId>root</artifactId></parent>"
        + "<artifactId>ab-module</artifactId>");

    assertThat(new ReplayCommand(dir.resolve(names[0] + "/m")).command(TEST, 1, false))
        .startsWith("mvn -pl 'it'\\''s here/m' -am test ");
    assertThat(new ReplayCommand(dir.resolve(names[1])).command(TEST, 1, false))
        .startsWith("mvn -pl 'a \"b\" $HOME `x` ;|&' -am test ");
    // -pl splits at commas however quoted: the module is named by its artifactId
    assertThat(new ReplayCommand(dir.resolve(names[2])).command(TEST, 1, false))
        .startsWith("mvn -pl :ab-module -am test ");
  }

  @Test
  void globsCommentsAndOptionLookalikesAreNotLeftToTheShellOrMaven() throws IOException {
    String[] names = {"#hash", "a*b", "-dash"};
    pom(dir, modules(names));
    for (String name : names) {
      pom(dir.resolve(name), "");
    }

    assertThat(new ReplayCommand(dir.resolve("#hash")).command(TEST, 1, false))
        .startsWith("mvn -pl '#hash' -am test ");
    assertThat(new ReplayCommand(dir.resolve("a*b")).command(TEST, 1, false))
        .startsWith("mvn -pl 'a*b' -am test ");
    assertThat(new ReplayCommand(dir.resolve("-dash")).command(TEST, 1, false))
        .startsWith("mvn -pl ./-dash -am test ");
  }

  /**
   * zsh expands a leading {@code =word} to a command's path ({@code =mvn} becomes
   * {@code /usr/bin/mvn}), and under {@code setopt extendedglob} reads {@code #} anywhere in a
   * word as a glob operator ({@code -Dtest=StoreTest#survives}: "no matches found"): both quoted.
   */
  @Test
  void zshLeadingEqualsAndInnerHashAreQuoted() {
    assertThat(ReplayCommand.quoted("=mvn")).isEqualTo("'=mvn'");
    assertThat(ReplayCommand.quoted("=")).isEqualTo("'='");
    assertThat(ReplayCommand.quoted("-Dtest=" + TEST)).isEqualTo("'-Dtest=" + TEST + "'");
    assertThat(ReplayCommand.quoted("a#b")).isEqualTo("'a#b'");
    // an = after the first character means nothing to zsh or sh: the common case stays bare
    assertThat(ReplayCommand.quoted("-Dsteelmill.seed=3")).isEqualTo("-Dsteelmill.seed=3");
    assertThat(ReplayCommand.quoted("app")).isEqualTo("app");
  }

  @Test
  void aGradleProjectGetsAGradleCommand() throws IOException {
    Files.writeString(dir.resolve("settings.gradle.kts"), "include(\"services:store\")\n");
    Files.writeString(dir.resolve("gradlew"), "#!/bin/sh\n");
    Path store = Files.createDirectories(dir.resolve("services/store"));
    Files.writeString(store.resolve("build.gradle.kts"), "plugins { java }\n");

    assertThat(new ReplayCommand(store).command("com.acme.Outer$Inner#run", 8, true))
        .isEqualTo("./gradlew -Psteelmill.mode=simulation :services:store:test"
            + " --tests 'com.acme.Outer$Inner.run' -Dsteelmill.seed=8");
    Path single = Files.createDirectories(dir.resolve("solo"));
    Files.writeString(single.resolve("build.gradle"), "apply plugin: 'java'\n");
    Files.writeString(single.resolve("settings.gradle"), "\n");
    assertThat(new ReplayCommand(single).command(TEST, 8, false))
        .isEqualTo("gradle test --tests com.acme.StoreTest.survives -Dsteelmill.seed=8");
  }

  @Test
  void aProductionBuildIsToldTheCommandOrThatItLacksTheProfile() throws IOException {
    pom(dir, modules("app") + SIMULATION_PROFILE);
    Path app = dir.resolve("app");
    pom(app, "");
    assertThat(new ReplayCommand(app).simulationAdvice("com.acme.Outer$Inner#run"))
        .isEqualTo("run it in simulation mode (from " + ReplayCommand.quoted(dir.toString())
            + "): mvn -Psimulation -pl app -am test '-Dtest=com.acme.Outer$Inner#run'"
            + " -Dsurefire.failIfNoSpecifiedTests=false");

    Path bare = Files.createDirectories(dir.resolve("bare"));
    pom(bare, "");
    assertThat(new ReplayCommand(bare).simulationAdvice(TEST))
        .startsWith("add the simulation profile of Steelmill's README")
        .endsWith("then run mvn -Psimulation test '-Dtest=com.acme.StoreTest#survives'");
  }

  /**
   * Every printed command, run by a POSIX shell, reaches Maven as the words meant: a stand-in
   * {@code mvn} prints its arguments one per line.
   */
  @Test
  void theShellReadsEveryCommandAsTheWordsMeant() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n'"
        + " \"$a\"; done\n");
    mvn.toFile().setExecutable(true);
    String name = "it's a \"$(touch pwned)\" `x` & dir";
    pom(dir, modules(name));
    Path module = dir.resolve(name);
    pom(module, "");
    String test = "com.acme.Outer$Inner$Deeper#run";
    String command = new ReplayCommand(module).command(test, -3, false);

    ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process shell = builder.start();
    String words = new String(shell.getInputStream().readAllBytes());
    assertThat(shell.waitFor()).isZero();
    assertThat(words).isEqualTo(String.join("\n", "-pl", name, "-am", "test",
        "-Dtest=" + test, "-Dsteelmill.seed=-3", "-Dsurefire.failIfNoSpecifiedTests=false") + "\n");
    assertThat(dir.resolve("pwned")).doesNotExist();
  }
}
