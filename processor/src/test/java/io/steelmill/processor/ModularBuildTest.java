package io.steelmill.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * A user's code in a named module ({@code module-info.java}) with Steelmill's jars on the module
 * path. The generated factory used to carry {@code @javax.annotation.processing.Generated}
 * always, so a module that does not require {@code java.compiler} failed inside every generated
 * file ("package javax.annotation.processing is not visible"); it goes without it there.
 */
class ModularBuildTest {
  private static final String APP = "package test;\nimport io.steelmill.*;\n"
      + "@Daemon class Store {}\n@Factory interface App { Store store(); }\n"
      + "@Factory(parent = App.class) interface Lease { Store store(); }\n";

  /** What one compilation said and wrote (the sources it generated, read before cleaning up). */
  record Result(boolean success, List<String> errors, Map<String, String> sources) {
    String source(String name) {
      return sources.getOrDefault(name.replace('.', '/') + ".java", "(not generated)");
    }
  }

  @Test
  void aModuleThatDoesNotReadJavaCompilerGetsFactoriesWithoutGenerated() throws IOException {
    for (String mode : List.of("production", "simulation")) {
      Result result = compile(mode, "requires io.steelmill;", "requires io.steelmill.runtime;");
      assertThat(result.success()).as(mode + ": " + result.errors()).isTrue();
      assertThat(result.source("test.SteelmillApp")).doesNotContain("Generated")
          .contains("public final class SteelmillApp extends Node implements App {");
      assertThat(result.source("test.SteelmillLease")).doesNotContain("Generated");
    }
  }

  @Test
  void aModuleThatReadsJavaCompilerKeepsGenerated() throws IOException {
    Result result = compile("production", "requires io.steelmill;",
        "requires io.steelmill.runtime;", "requires static java.compiler;");
    assertThat(result.success()).as(result.errors().toString()).isTrue();
    assertThat(result.source("test.SteelmillApp"))
        .contains("@Generated(\n    value = \"io.steelmill.processor.SteelmillProcessor\"");
  }

  @Test
  void theTextWithoutGeneratedKeepsEverythingElse() {
    String text = "package a;\n\nimport javax.annotation.processing.Generated;\nimport b.C;\n\n"
        + "/** Doc. */\n@javax.annotation.processing.Generated(\n    value = \"p\",\n"
        + "    comments = \"m\"\n)\npublic final class X {\n  @Generated(\n    value = \"q\"\n"
        + "  )\n}\n";
    assertThat(GeneratedFiles.withoutGenerated(text)).isEqualTo("package a;\n\nimport b.C;\n\n"
        + "/** Doc. */\npublic final class X {\n  @Generated(\n    value = \"q\"\n  )\n}\n");
  }

  /** Compiles {@code APP} in a module {@code app} with {@code requires}, in files on disk. */
  private static Result compile(String mode, String... requires) throws IOException {
    String modulePath = jarOf("io.steelmill.Daemon") + File.pathSeparator
        + jarOf("io.steelmill.runtime.Node");
    StringBuilder module = new StringBuilder("module app {\n");
    for (String line : requires) {
      module.append("  ").append(line).append('\n');
    }
    if (mode.equals("simulation")) {
      modulePath += File.pathSeparator + jarOf("io.steelmill.sim.SimCluster");
      module.append("  requires io.steelmill.sim;\n");
    }
    Path root = Files.createTempDirectory("steelmill-module");
    Path sources = Files.createDirectories(root.resolve("src/test")).getParent();
    Files.writeString(sources.resolve("module-info.java"), module + "}\n");
    Files.writeString(sources.resolve("test/App.java"), APP);
    Path generated = Files.createDirectories(root.resolve("generated"));
    Path classes = Files.createDirectories(root.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
          List.of("--module-path", modulePath, "-Asteelmill.mode=" + mode, "-d",
              classes.toString(), "-s", generated.toString(), "-proc:full"),
          null, files.getJavaFileObjects(sources.resolve("module-info.java"),
              sources.resolve("test/App.java")));
      task.setProcessors(List.of(new SteelmillProcessor()));
      boolean success = task.call();
      List<String> errors = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getSource() + ":" + d.getLineNumber() + " " + d.getMessage(null))
          .toList();
      Map<String, String> written = new TreeMap<>();
      try (Stream<Path> walk = Files.walk(generated)) {
        for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
          written.put(generated.relativize(file).toString().replace(File.separatorChar, '/'),
              Files.readString(file));
        }
      }
      return new Result(success, errors, written);
    } finally {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  /** The jar holding {@code className}; the test needs jars, as automatic modules. */
  static String jarOf(String className) {
    Path path;
    try {
      path = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation()
          .toURI());
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    assumeTrue(Files.isRegularFile(path), className + " comes from a folder, not a jar: " + path);
    return path.toString();
  }
}
