package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The generated code, compared byte for byte with readable goldens in {@code
 * src/test/resources/goldens/GoldenTest/<test>/<qualified name>.java}. Set {@code
 * GOLDEN_FILE_ROOT=src/test/resources} (relative to {@code processor/}) to rewrite them after an
 * intended change, then review the diff.
 */
class GoldenTest {
  private static final JavaFileObject PLATFORM =
      source(
          "test.Clock",
          "package test;",
          "import io.steelmill.*;",
          "@Production(SystemClock.class)",
          "@Simulation(SimClock.class)",
          "public interface Clock { long now(); }",
          "@Ambient @Daemon @Production",
          "final class SystemClock implements Clock {",
          "  public long now() { return 1; }",
          "}",
          "@Ambient @Daemon @Simulation",
          "final class SimClock implements Clock {",
          "  public long now() { return 0; }",
          "}");

  private static final JavaFileObject STORE =
      source(
          "test.Store",
          "package test;",
          "import io.steelmill.*;",
          "import io.steelmill.runtime.Provider;",
          "@Daemon",
          "final class Store {",
          "  Store(Clock clock, @Named(\"wal\") String walPath, Provider<Index> index) {}",
          "}",
          "@Daemon final class Index {}",
          "final class Paths {",
          "  @Provides @Named(\"wal\") static String walPath(Config config) {",
          "    return config.dir + \"/wal\";",
          "  }",
          "}",
          "final class Config { final String dir; Config(String dir) { this.dir = dir; } }",
          "@Factory(modules = Paths.class, injected = Config.class)",
          "interface StoreFactory {",
          "  Store store();",
          "  Clock clock();",
          "}");

  @Test
  void productionMode(TestInfo test) throws IOException {
    Compilation compilation = compile(List.of(), PLATFORM, STORE);
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden(test, compilation, "test.SteelmillStoreFactory");
    org.assertj.core.api.Assertions.assertThat(
            compilation.generatedSourceFile("test.SteelmillStoreFactorySim"))
        .as("no simulation harness in a production build")
        .isEmpty();
  }

  @Test
  void simulationMode(TestInfo test) throws IOException {
    Compilation compilation = compile(List.of("-Asteelmill.mode=simulation"), PLATFORM, STORE);
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden(test, compilation, "test.SteelmillStoreFactory");
    assertGolden(test, compilation, "test.SteelmillStoreFactorySim");
  }

  @Test
  void childFactory(TestInfo test) throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Host",
                "package test;",
                "import io.steelmill.*;",
                "@Daemon final class Storage {}",
                "@Daemon final class Writer { Writer(Storage storage, Lease lease) {} }",
                "final class Lease {}",
                "@Factory interface Host {",
                "  Storage storage();",
                "  @Factory(parent = Host.class, injected = Lease.class)",
                "  interface Leader {",
                "    Writer writer();",
                "  }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden(test, compilation, "test.SteelmillHost");
    assertGolden(test, compilation, "test.SteelmillHost_Leader");
  }

  private static void assertGolden(TestInfo test, Compilation compilation, String name)
      throws IOException {
    String actual =
        compilation
            .generatedSourceFile(name)
            .orElseThrow(() -> new AssertionError(name + " was not generated"))
            .getCharContent(true)
            .toString();
    String path =
        "goldens/GoldenTest/" + test.getTestMethod().orElseThrow().getName() + "/" + name + ".java";
    String root = System.getenv("GOLDEN_FILE_ROOT");
    if (root != null && !root.isEmpty()) {
      Path file = Path.of(root, path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
      return;
    }
    try (InputStream golden = GoldenTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(golden).as("golden " + path + " (set GOLDEN_FILE_ROOT to create it)").isNotNull();
      assertThat(actual).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
