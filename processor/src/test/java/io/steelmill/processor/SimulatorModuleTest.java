package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The simulated bindings of the platform interfaces come from steelmill-sim's module, which the
 * interfaces do not name: a simulation build with the simulator uses it, a production build
 * without it still validates both modes, and a simulation build without it gets one error that
 * names the dependency to add.
 */
class SimulatorModuleTest {
  private static final List<String> SIMULATION = List.of("-Asteelmill.mode=simulation");

  /** A node that uses every platform interface the simulator binds. */
  private static final JavaFileObject APP =
      source(
          "test.App",
          "package test;",
          "import io.steelmill.*;",
          "import io.steelmill.platform.*;",
          "@Daemon class Store {",
          "  Store(Clock clock, RandomSource random, Network network, Disk disk, Daemons daemons) {}",
          "}",
          "@Daemon class Leader { Leader(LeaseService leases, Clock clock) {} }",
          "final class Leases {",
          "  @Production @Provides static LeaseService zookeeper() {",
          "    return (resource, ttl, wait) -> java.util.Optional.empty();",
          "  }",
          "}",
          "@Factory(modules = Leases.class, injected = {NetworkConfig.class, DiskConfig.class})",
          "interface App { Store store(); Leader leader(); }");

  /** A second factory that needs the simulator too: still one error. */
  private static final JavaFileObject OTHER =
      source(
          "test.Other",
          "package test;",
          "import io.steelmill.*;",
          "import io.steelmill.platform.Clock;",
          "@Daemon class Ticker { Ticker(Clock clock) {} }",
          "@Factory interface Other { Ticker ticker(); }");

  private static List<String> withoutSimulator(List<String> options) {
    List<String> all = new ArrayList<>(options);
    all.add("-classpath");
    all.add(ClassPaths.withoutSimulator());
    return all;
  }

  @Test
  void simulationBuildCallsTheSimulatorsModule() throws IOException {
    Compilation compilation = compile(SIMULATION, APP);
    assertThat(compilation).succeededWithoutWarnings();
    String factory = generated(compilation, "test.SteelmillApp");
    for (String method : List.of("clock", "random", "network", "disk", "daemons", "leases")) {
      assertThat(factory).contains("SimulatedPlatform." + method + "(");
    }
  }

  @Test
  void productionBuildNeedsNoSimulatorAndNamesNone() throws IOException {
    Compilation compilation = compile(withoutSimulator(List.of()), APP, OTHER);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generated(compilation, "test.SteelmillApp"))
        .contains("new SystemClock()")
        .doesNotContain("io.steelmill.sim")
        .doesNotContain("SimulatedPlatform");
  }

  @Test
  void productionBuildWithoutSimulatorStillValidatesTheSimulationGraph() {
    JavaFileObject broken =
        source(
            "test.Broken",
            "package test;",
            "import io.steelmill.*;",
            "import io.steelmill.platform.Clock;",
            "class Missing {}",
            "@Simulation @Daemon class FakeMail { FakeMail(Clock clock, Missing missing) {} }",
            "@Production @Daemon class RealMail { RealMail(Clock clock) {} }",
            "interface Mail {}",
            "@Factory(modules = Mails.class) interface Broken { Mail mail(); }",
            "final class Mails {",
            "  @Production @Provides static Mail real(RealMail m) { return new Mail() {}; }",
            "  @Simulation @Provides static Mail fake(FakeMail m) { return new Mail() {}; }",
            "}");
    Compilation compilation = compile(withoutSimulator(List.of()), broken);
    assertThat(compilation).failed();
    List<String> errors = compilation.errors().stream().map(DiagnosticsTest::text).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .contains("simulation")
        .contains(ErrorCode.MissingBinding.tag())
        .contains("Missing cannot be provided");
  }

  @Test
  void simulationBuildWithoutSimulatorIsOneErrorNamingTheDependency() {
    Compilation compilation = compile(withoutSimulator(SIMULATION), APP, OTHER);
    assertThat(compilation).failed();
    List<String> errors = compilation.errors().stream().map(DiagnosticsTest::text).toList();
    assertThat(errors).as("one missing dependency, one error").hasSize(1);
    assertThat(errors.get(0))
        .startsWith(ErrorCode.SimulatorMissing.tag())
        .contains("io.steelmill:steelmill-sim")
        .contains("\nFix: add the dependency io.steelmill:steelmill-sim");
  }

  /**
   * A simulation build of a graph that needs no simulated platform binding still gets the
   * harness {@code SteelmillAppSim}, which uses the simulator's {@code SimCluster}: without
   * steelmill-sim that was three errors inside the generated harness; now one, naming it.
   */
  @Test
  void simulationBuildWithoutSimulatorNeedingNoPlatformIsOneErrorNamingTheDependency() {
    Compilation compilation =
        compile(withoutSimulator(SIMULATION), source("test.Plain", "package test;",
            "import io.steelmill.*;", "@Daemon class Store {}",
            "@Factory interface Plain { Store store(); }",
            "@Factory(parent = Plain.class) interface Lease { Store store(); }",
            "@Factory interface Other { Store store(); }"));
    assertThat(compilation).failed();
    List<String> errors = compilation.errors().stream().map(DiagnosticsTest::text).toList();
    assertThat(errors).as("one missing dependency, one error").hasSize(1);
    assertThat(errors.get(0))
        .startsWith(ErrorCode.RuntimeMissing.tag())
        .contains("io.steelmill.sim.SimCluster")
        .contains("\nFix: add the dependency io.steelmill:steelmill-sim");
    assertThat(compilation.errors().get(0).getSource().getName()).endsWith("Plain.java");
  }

  @Test
  void bySimulatorOnADaemonHasNoEffect() {
    Compilation compilation =
        compile(
            source(
                "test.Fake",
                "package test;",
                "import io.steelmill.*;",
                "@Simulation(bySimulator = true) @Daemon class Fake {}"));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(ErrorCode.ModeWithoutEffect.tag());
    assertThat(compilation)
        .hadErrorContaining("only an interface's simulated binding can come from the simulator");
  }

  @Test
  void bySimulatorWithAnImplementationIsRejected() {
    Compilation compilation =
        compile(
            source(
                "test.Mailer",
                "package test;",
                "import io.steelmill.*;",
                "@Simulation(value = FakeMailer.class, bySimulator = true) interface Mailer {}",
                "@Daemon final class FakeMailer implements Mailer {}"));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(ErrorCode.SimulatorLacksBinding.tag());
    assertThat(compilation).hadErrorContaining("a binding comes from one place");
  }

  @Test
  void bySimulatorOnAUserInterfaceWithoutSimulatorIsRejected() {
    Compilation compilation =
        compile(
            withoutSimulator(List.of()),
            source(
                "test.Mailer",
                "package test;",
                "import io.steelmill.*;",
                "@Simulation(bySimulator = true) interface Mailer {}"));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(ErrorCode.SimulatorLacksBinding.tag());
    assertThat(compilation).hadErrorContaining("is not on the class path");
  }

  private static String generated(Compilation compilation, String name) throws IOException {
    return compilation
        .generatedSourceFile(name)
        .orElseThrow(() -> new AssertionError(name + " was not generated"))
        .getCharContent(true)
        .toString();
  }
}
