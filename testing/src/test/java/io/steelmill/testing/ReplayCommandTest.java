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
        .isEqualTo("mvn test -Dtest=com.acme.StoreTest#survives -Dsteelmill.seed=3");
  }

  @Test
  void aWrapperAndTheSimulationProfileAreUsedWhenThere() throws IOException {
    pom(dir, SIMULATION_PROFILE);
    Files.writeString(dir.resolve("mvnw"), "#!/bin/sh\n");

    assertThat(new ReplayCommand(dir).command(TEST, 7, true))
        .isEqualTo("./mvnw -Psimulation test -Dtest=com.acme.StoreTest#survives -Dsteelmill.seed=7");
    // a production-mode factory's test does not need the profile
    assertThat(new ReplayCommand(dir).command(TEST, 7, false))
        .isEqualTo("./mvnw test -Dtest=com.acme.StoreTest#survives -Dsteelmill.seed=7");
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
            + " -Dtest=com.acme.StoreTest#survives -Dsteelmill.seed=12"
            + " -Dsurefire.failIfNoSpecifiedTests=false");
  }

  @Test
  void aPomAboveThatDoesNotListTheModuleIsNotItsBuild() throws IOException {
    pom(dir, modules("other", "app-old") + SIMULATION_PROFILE);
    Path app = dir.resolve("app");
    pom(app, "");

    assertThat(new ReplayCommand(app).command(TEST, 1, true))
        .isEqualTo("mvn test -Dtest=com.acme.StoreTest#survives -Dsteelmill.seed=1");
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
        .isEqualTo("mvn test -Dtest=com.acme.StoreTest#survives -Dsteelmill.seed=2");
  }

  @Test
  void thisRepositoryIsDetectedFromSurefiresBasedir() {
    ReplayCommand here = ReplayCommand.here();

    assertThat(here.root().resolve("testing/pom.xml")).exists();
    assertThat(here.command(TEST, 4, true))
        .startsWith("./mvnw -Psimulation -pl testing -am test ");
  }
}
