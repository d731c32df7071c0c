package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The production output of a factory never refers to a {@code @Simulation} class or to {@code
 * io.steelmill.sim}: read from the constant pools of the generated class files, where every class
 * a class can touch is named.
 */
class ZeroCostTest {
  private static final List<javax.tools.JavaFileObject> SOURCES =
      List.of(
          source(
              "test.Clock",
              "package test;",
              "import io.steelmill.*;",
              "@Production(SystemClock.class) @Simulation(SimClock.class)",
              "public interface Clock { long now(); }",
              "@Daemon @Production final class SystemClock implements Clock {",
              "  public long now() { return 1; }",
              "}",
              "@Daemon @Simulation final class SimClock implements Clock {",
              "  public long now() { return 0; }",
              "}",
              "@Daemon final class Ticker { Ticker(Clock clock) {} }",
              "@Factory interface App { Ticker ticker(); Clock clock(); }"));

  @Test
  void productionFactoryNamesNoSimulationClass() throws Exception {
    Set<String> names = factoryConstantPool(List.of());

    assertThat(names).anyMatch(s -> s.contains("test/SystemClock"));
    assertThat(names).noneMatch(s -> s.contains("SimClock")).noneMatch(s -> s.contains("io/steelmill/sim"));
  }

  @Test
  void simulationFactoryNamesNoProductionClass() throws Exception {
    Set<String> names = factoryConstantPool(List.of("-Asteelmill.mode=simulation"));

    assertThat(names).anyMatch(s -> s.contains("test/SimClock"));
    assertThat(names).noneMatch(s -> s.contains("SystemClock"));
  }

  private static Set<String> factoryConstantPool(List<String> options) throws Exception {
    Compilation compilation = compile(options, SOURCES.toArray(javax.tools.JavaFileObject[]::new));
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, byte[]> classes = ClassFiles.of(compilation);
    Set<String> names = new java.util.LinkedHashSet<>();
    for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
      if (entry.getKey().startsWith("test.SteelmillApp")) {
        names.addAll(ClassFiles.constantPoolStrings(entry.getValue()));
      }
    }
    assertThat(names).as("factory classes found").isNotEmpty();
    return names;
  }
}
