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
 * A daemon that injects {@code io.steelmill.platform.Buggify}: the production factory binds
 * {@code NoBuggify} and names no simulator class (read from the constant pools of the generated
 * class files); the simulation factory binds {@code SimBuggify}. With one implementation loaded
 * in production, the call site is monomorphic and {@code NoBuggify.fires} is {@code iconst_0;
 * ireturn} (see the runtime's {@code NoBuggifyBytecodeTest}): inlined and folded.
 */
class BuggifyZeroCostTest {
  private static final javax.tools.JavaFileObject SOURCE =
      source(
          "test.Store",
          "package test;",
          "import io.steelmill.*;",
          "import io.steelmill.platform.Buggify;",
          "@Daemon final class Store {",
          "  private final Buggify buggify;",
          "  Store(Buggify buggify) { this.buggify = buggify; }",
          "  int put() { return buggify.fires(\"store.slow\") ? 1 : 0; }",
          "}",
          "@Factory interface App { Store store(); }");

  @Test
  void productionBindsNoBuggifyAndNamesNoSimulatorClass() throws Exception {
    Set<String> names = factoryConstantPool(List.of());

    assertThat(names).anyMatch(s -> s.contains("io/steelmill/platform/NoBuggify"));
    assertThat(names).noneMatch(s -> s.contains("SimBuggify"))
        .noneMatch(s -> s.contains("io/steelmill/sim"));
  }

  @Test
  void simulationBindsSimBuggify() throws Exception {
    Set<String> names = factoryConstantPool(List.of("-Asteelmill.mode=simulation"));

    assertThat(names).anyMatch(s -> s.contains("io/steelmill/sim/SimBuggify"));
    assertThat(names).noneMatch(s -> s.contains("NoBuggify"));
  }

  private static Set<String> factoryConstantPool(List<String> options) throws Exception {
    Compilation compilation = compile(options, SOURCE);
    assertThat(compilation).succeeded();
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
