package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.runtime.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Graphs past what one class file holds: 10,000 daemons that are all entry points (javac used
 * to stop at "too many constants" near 6,000), a mixed graph with providers, {@code @Provides}
 * methods and memoized entry points split over nested part classes, and constructors so wide
 * that a hundred of them in one method would pass the JVM's 64 KB method limit. Each compiles
 * without a warning, every generated method stays under HotSpot's 8,000-byte limit for JIT
 * compilation, and the generated node builds the whole graph.
 */
class HugeGraphTest {
  private static final int HUGE_METHOD_LIMIT = 8_000;
  /** HotSpot's {@code C1MaxInlineSize}: the largest method C1 inlines, in bytes of bytecode. */
  private static final int C1_MAX_INLINE_SIZE = 35;

  @Test
  void tenThousandDaemonsEachAnEntryPointCompileAndBuild() throws Exception {
    int size = 10_000;
    List<JavaFileObject> files = new ArrayList<>();
    StringBuilder factory = new StringBuilder("package huge;\n@io.steelmill.Factory\n");
    factory.append("public interface Huge {\n");
    for (int i = 0; i < size; i++) {
      String params = i == 0 ? "" : "D" + (i - 1) + " previous";
      if (i % 7 == 0 && i >= 7) {
        params += ", D" + (i - 7) + " older";
      }
      files.add(source("huge.D" + i, "package huge;", "@io.steelmill.Daemon",
          "public final class D" + i + " {", "  D" + i + "(" + params + ") {}", "}"));
      factory.append("  D").append(i).append(" d").append(i).append("();\n");
    }
    files.add(source("huge.Huge", factory.append("}\n").toString()));

    Compilation compilation = compile(files.toArray(JavaFileObject[]::new));

    assertThat(compilation).succeededWithoutWarnings();
    Map<String, byte[]> classes = ClassFiles.of(compilation);
    assertMethodsJitCompilable(classes, "huge.SteelmillHuge");
    Node node = create(classes, "huge.SteelmillHuge");
    // from the top: one request builds the chain 10,000 deep, in dependency order, without
    // 10,000 nested constructions on this thread's stack
    Object last = node.getClass().getMethod("d" + (size - 1)).invoke(node);
    assertThat(last.getClass().getName()).isEqualTo("huge.D" + (size - 1));
    List<String> built = node.builtDaemons();
    assertThat(built).hasSize(size);
    for (int i = 0; i < size; i++) {
      assertThat(built.get(i)).as("construction order").isEqualTo("D" + i);
    }
    for (int i = 0; i < size; i++) {
      assertThat(node.getClass().getMethod("d" + i).invoke(node).getClass().getName())
          .isEqualTo("huge.D" + i);
    }
    assertThat(node.getClass().getMethod("d" + (size - 1)).invoke(node)).isSameAs(last);
    assertThat(node.builtDaemons()).hasSize(size);
  }

  /**
   * The factory's name was checked against {@code $Ambient.class} only; an ambient graph too
   * large for one class adds {@code $Ambient$Part<N>}, longer by 5 bytes and more: a name that
   * passed compiled in memory but failed on disk ("File name too long"). The writer's longest
   * nested name is checked.
   */
  @Test
  void aLongFactoryNameIsCheckedAgainstItsLongestPartClass() {
    int size = 6_000;
    List<JavaFileObject> files = new ArrayList<>();
    String name = "F".repeat(230); // Steelmill + 230 + $Ambient.class: 253 bytes, fits
    StringBuilder factory = new StringBuilder("package amb;\n@io.steelmill.Factory\n");
    factory.append("public interface ").append(name).append(" {\n");
    for (int i = 0; i < size; i++) {
      String params = i == 0 ? "" : "D" + (i - 1) + " previous";
      if (i % 7 == 0 && i >= 7) {
        params += ", D" + (i - 7) + " older";
      }
      files.add(source("amb.D" + i, "package amb;", "@io.steelmill.Ambient @io.steelmill.Daemon",
          "public final class D" + i + " {", "  D" + i + "(" + params + ") {}", "}"));
      if (i % 4 == 3) {
        factory.append("  D").append(i).append(" d").append(i).append("();\n");
      }
    }
    files.add(source("amb." + name, factory.append("}\n").toString()));

    Compilation compilation = compile(files.toArray(JavaFileObject[]::new));

    assertThat(compilation.errors()).singleElement().satisfies(error ->
        assertThat(error.getMessage(null))
            .startsWith("[Steelmill/GeneratedNameTooLong]")
            .containsPattern("F\\.\\.\\.\\$Ambient\\$Part[0-9]+\\.class takes 2[56][0-9] bytes"));
  }

  @Test
  void aMixedGraphSplitIntoPartsBuildsWithProvidersAndProvidesMethods() throws Exception {
    int size = 4_000;
    List<JavaFileObject> files = new ArrayList<>();
    StringBuilder factory = new StringBuilder("package mixed;\nimport io.steelmill.*;\n");
    factory.append("@Factory(modules = Values.class) public interface Mixed {\n");
    StringBuilder values = new StringBuilder("package mixed;\nimport io.steelmill.*;\n");
    values.append("final class Values {\n");
    for (int i = 0; i < size; i++) {
      String params;
      if (i == 0) {
        params = "";
      } else if (i % 5 == 0) { // a provider: the lambda lives in a part class
        params = "io.steelmill.runtime.Provider<D" + (i - 1) + "> previous";
      } else if (i % 3 == 0) { // a value from a @Provides method
        params = "D" + (i - 1) + " previous, @Named(\"v" + i + "\") String value";
        values.append("  @Provides @Named(\"v").append(i).append("\") static String v")
            .append(i).append("() { return \"v").append(i).append("\"; }\n");
      } else {
        params = "D" + (i - 1) + " previous";
      }
      files.add(source("mixed.D" + i, "package mixed;", "import io.steelmill.*;", "@Daemon",
          "public final class D" + i + " {", "  D" + i + "(" + params + ") {}", "}"));
      if (i % 4 == 3) { // a quarter are entry points: they keep their instance in a field
        factory.append("  D").append(i).append(" d").append(i).append("();\n");
      }
    }
    files.add(source("mixed.Values", values.append("}\n").toString()));
    files.add(source("mixed.Mixed", factory.append("}\n").toString()));

    Compilation compilation = compile(files.toArray(JavaFileObject[]::new));

    assertThat(compilation).succeededWithoutWarnings();
    String generated =
        compilation.generatedSourceFile("mixed.SteelmillMixed").orElseThrow()
            .getCharContent(true).toString();
    assertThat(generated).contains("static final class Part1 {").contains("private D3 d3;");
    Map<String, byte[]> classes = ClassFiles.of(compilation);
    assertMethodsJitCompilable(classes, "mixed.SteelmillMixed");
    // a memoizing entry point with a three-byte id (sipush) still fits C1's inlining limit, or
    // the hot lookup would pay a call until C2 compiles its caller
    Map<String, Integer> lengths =
        ClassFiles.methodCodeLengths(classes.get("mixed.SteelmillMixed"));
    assertThat(lengths).containsKey("d3999()Lmixed/D3999;");
    lengths.forEach((method, length) -> {
      if (method.matches("d[0-9]+\\(\\).*")) {
        assertThat(length).as(method).isLessThanOrEqualTo(C1_MAX_INLINE_SIZE);
      }
    });
    Node node = create(classes, "mixed.SteelmillMixed");
    Object last = node.getClass().getMethod("d" + (size - 1)).invoke(node);
    assertThat(node.getClass().getMethod("d" + (size - 1)).invoke(node)).isSameAs(last);
    // the chain stops at each provider: D3999 reaches back to D3995, whose Provider is not called
    assertThat(node.builtDaemons()).contains("D3999", "D3995").doesNotContain("D3994");
  }

  @Test
  void wideConstructorsAreChunkedUnderTheJitLimit() throws Exception {
    int leaves = 250;
    int wide = 120;
    List<JavaFileObject> files = new ArrayList<>();
    StringBuilder params = new StringBuilder();
    for (int i = 0; i < leaves; i++) {
      files.add(source("wide.L" + i, "package wide;", "@io.steelmill.Daemon",
          "public final class L" + i + " { L" + i + "() {} }"));
      params.append(i == 0 ? "" : ", ").append("L").append(i).append(" l").append(i);
    }
    StringBuilder factory = new StringBuilder("package wide;\n@io.steelmill.Factory\n");
    factory.append("public interface Wide {\n");
    for (int i = 0; i < wide; i++) {
      files.add(source("wide.W" + i, "package wide;", "@io.steelmill.Daemon",
          "public final class W" + i + " {", "  W" + i + "(" + params + ") {}", "}"));
      factory.append("  W").append(i).append(" w").append(i).append("();\n");
    }
    files.add(source("wide.Wide", factory.append("}\n").toString()));

    Compilation compilation = compile(files.toArray(JavaFileObject[]::new));

    assertThat(compilation).succeededWithoutWarnings();
    Map<String, byte[]> classes = ClassFiles.of(compilation);
    assertMethodsJitCompilable(classes, "wide.SteelmillWide");
    Node node = create(classes, "wide.SteelmillWide");
    node.getClass().getMethod("w" + (wide - 1)).invoke(node);
    assertThat(node.builtDaemons()).hasSize(leaves + 1);
  }

  /** Every method of the generated class and its nested classes is under the JIT's limit. */
  private static void assertMethodsJitCompilable(Map<String, byte[]> classes, String factory)
      throws IOException {
    List<String> generated =
        classes.keySet().stream()
            .filter(name -> name.equals(factory) || name.startsWith(factory + "$"))
            .toList();
    assertThat(generated).contains(factory, factory + "$Ambient");
    for (String name : generated) {
      assertThat(ClassFiles.methodCodeLengths(classes.get(name)))
          .as("%s: bytecode length per method", name)
          .allSatisfy((method, length) -> assertThat(length).as(method).isLessThan(HUGE_METHOD_LIMIT));
    }
  }

  private static Node create(Map<String, byte[]> classes, String factory) throws Exception {
    return (Node) ClassFiles.loader(classes).loadClass(factory).getMethod("create").invoke(null);
  }
}
