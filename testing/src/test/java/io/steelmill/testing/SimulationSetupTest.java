package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a simulation test says when its build is not set up for simulation. */
class SimulationSetupTest {

  @Test
  void withoutTheAddOpensOptionTheFixIsOneLine() throws Exception {
    List<String> output = probe();

    assertThat(output)
        .containsExactly(
            "Steelmill simulation tests need the JVM option --add-opens"
                + " java.base/java.lang=ALL-UNNAMED. Fix: add it to the maven-surefire-plugin"
                + " <argLine>.");
  }

  @Test
  void aSimulationModeFactoryAndNoFactoryNeedTheSimulationProfile() {
    assertThat(SimulationSetup.modeOf(Echo.class)).contains("simulation");
    assertThat(SimulationSetup.modeOf(ProductionBuilt.class)).contains("production");
    assertThat(SimulationSetup.modeOf(void.class)).isEmpty();
    // an interface whose generated class is missing: the cluster's own error explains it
    assertThat(SimulationSetup.modeOf(Runnable.class)).isEmpty();
  }

  /** The probe's output lines, in a JVM like this one but without --add-opens. */
  private static List<String> probe() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SetupProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the probe JVM did not finish within 60 s");
    }
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    return text.lines().toList();
  }
}
