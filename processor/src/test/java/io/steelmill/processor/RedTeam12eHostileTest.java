package io.steelmill.processor;

import static com.google.testing.compile.Compiler.javac;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.HostileInputMoreTest.Program;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.io.File;
import java.io.InputStream;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A red team's battery (redteam12e): how the processor is registered (what Gradle's incremental
 * mode and a processor after it see), qualifiers with nested annotation members, a qualifier
 * missing from the class path, generic daemons and wildcard keys.
 */
class RedTeam12eHostileTest {
  private static Program ok(String name, String text) {
    return new Program(name, null, true, text);
  }

  private static Program wrong(String name, ErrorCode code, String text) {
    return new Program(name, code, false, text);
  }

  static Stream<Program> programs() {
    return Stream.of(qualifiers(), longNames()).flatMap(List::stream);
  }

  /**
   * Factory names whose generated class files exceed a file system's 255 bytes: in memory they
   * compiled; on disk javac failed inside generated code ("error while writing Ambient: File name
   * too long") though the user's own class file fit. A UTF-8 name counts its bytes.
   */
  static List<Program> longNames() {
    return List.of(
        ok("a factory name whose generated class files just fit",
            "@Daemon class Store {}\n@Factory interface " + "F".repeat(232) + " { Store s(); }"),
        wrong("a factory name one byte too long for its generated class files",
            ErrorCode.GeneratedNameTooLong,
            "@Daemon class Store {}\n@Factory interface " + "F".repeat(233) + " { Store s(); }"),
        wrong("a nested factory whose generated name is too long in UTF-8 bytes",
            ErrorCode.GeneratedNameTooLong,
            "@Daemon class Store {}\nclass " + "\u00e9".repeat(60) + " { @Factory interface "
                + "\u00e8".repeat(60) + " { Store s(); } }"));
  }

  /** A qualifier with members of every kind, nested annotations among them. */
  private static final String QUALIFIER = "enum Color { RED, BLUE }\n"
      + "@interface Inner { int v() default 1; Color c() default Color.RED; }\n"
      + "@Qualifier @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
      + " @interface Q { String[] names() default {\"a\", \"b\"}; Color color() default"
      + " Color.RED; Inner inner() default @Inner; Inner[] inners() default {@Inner(v = 3)};"
      + " Class<?> k() default String.class; }\n";

  /**
   * Qualifiers whose members are nested annotations: their own defaults were not spelled out, so
   * {@code @Q(inner = @Inner(v = 1))} was another key than {@code @Q} (whose default is
   * {@code @Inner}, v = 1 by default): a false MissingBinding.
   */
  static List<Program> qualifiers() {
    return List.of(
        ok("a nested annotation member spelled out with its defaults is the same key",
            QUALIFIER + "@Daemon class A { A(@Q(inner = @Inner(v = 1)) String a,"
                + " @Q(inners = @Inner(v = 3, c = Color.RED)) String b, @Q String c) {"
                + " if (!(a + b + c).equals(\"xxx\")) {"
                + " throw new IllegalStateException(a + b + c); } } }\n"
                + "@Factory interface App { A a();\n"
                + "  @Provides @Q static String x() { return \"x\"; } }"),
        ok("nested annotation members that differ are different keys",
            QUALIFIER + "@Daemon class A { A(@Q String a, @Q(inner = @Inner(v = 2)) String b,"
                + " @Q(inner = @Inner(c = Color.BLUE)) String c, @Q(inners = {}) String d) {"
                + " if (!(a + b + c + d).equals(\"xyzw\")) {"
                + " throw new IllegalStateException(a + b + c + d); } } }\n"
                + "@Factory interface App { A a();\n"
                + "  @Provides @Q(inner = @Inner()) static String x() { return \"x\"; }\n"
                + "  @Provides @Q(inner = @Inner(v = 2, c = Color.RED))"
                + " static String y() { return \"y\"; }\n"
                + "  @Provides @Q(inner = @Inner(v = 1, c = Color.BLUE))"
                + " static String z() { return \"z\"; }\n"
                + "  @Provides @Q(inners = {}) static String w() { return \"w\"; } }"),
        wrong("a nested annotation member with another value is a missing binding",
            ErrorCode.MissingBinding,
            QUALIFIER + "@Daemon class A { A(@Q(inner = @Inner(v = 9)) String a) {} }\n"
                + "@Factory interface App { A a();\n"
                + "  @Provides @Q static String x() { return \"x\"; } }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void neverCrashesAndNeverAcceptsAMistake(Program program) {
    new HostileInputMoreTest().neverCrashesAndNeverAcceptsAMistake(program);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void everyEntryPointOfEveryNodeWorks(Program program) throws Exception {
    new KeysAndChildrenHostileTest().everyEntryPointOfEveryNodeWorks(program);
  }

  /**
   * A library's class file whose qualifier's class is not on the class path: javac keeps the
   * annotation as an error type without a word, so it looked like no qualifier and the factory
   * injected the unqualified key (another value, silently). A missing nullness annotation
   * (provided scope, as JSR 305's usually is) changes no key and stays quiet.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void aQualifierMissingFromTheClassPathIsNeverReadAsNoQualifier(List<String> mode) {
    List<String> options = new ArrayList<>(mode);
    options.addAll(List.of("-classpath", ClassPaths.withIncompleteLibrary()));
    Compilation daemon = Compiler.compile(options, source("test.App", "package test;",
        "import io.steelmill.*;", "@Factory interface App { lib.Tagged tagged();",
        "  @Provides static String plain() { return \"p\"; } }"));
    Compilation module = Compiler.compile(options, source("test.App", "package test;",
        "import io.steelmill.*;", "@Daemon class Store { Store(String s) {} }",
        "@Factory(modules = lib.TagModule.class) interface App { Store store(); }"));
    for (Compilation compilation : List.of(daemon, module)) {
      assertThat(HostileInputTest.messages(compilation)).singleElement().asString()
          .startsWith("[Steelmill/AnnotationMissing]").contains("@lib.Tag is not on the class path")
          .containsPattern("\n    \\S+ is requested at\n        \\[App\\] App\\.")
          .contains("\nFix: add the artifact that holds lib.Tag to the class path");
      assertThat(compilation.errors().get(0).getLineNumber()).isEqualTo(3);
    }
    Compilation lenient = Compiler.compile(options, source("test.App", "package test;",
        "import io.steelmill.*;", "@Factory interface App { lib.Lenient lenient();",
        "  @Provides static String plain() { return \"p\"; } }"));
    assertThat(lenient.errors()).as(lenient.diagnostics().toString()).isEmpty();
  }

  /**
   * An annotation on a library constructor is never a qualifier (Steelmill reads {@code @Inject}
   * by name): one of another framework ({@code @com.google.inject.Inject}, {@code @Autowired})
   * whose jar is absent from the class path was reported as AnnotationMissing and failed the
   * build. A provides method's own annotations still count: they may hold its key's qualifier
   * (lib.TagModule in {@link #aQualifierMissingFromTheClassPathIsNeverReadAsNoQualifier}).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void aMissingAnnotationOnALibraryConstructorIsNoQualifier(List<String> mode) {
    List<String> options = new ArrayList<>(mode);
    options.addAll(List.of("-classpath", ClassPaths.withIncompleteLibrary()));
    Compilation compilation = Compiler.compile(options, source("test.App", "package test;",
        "import io.steelmill.*;", "@Factory interface App { lib.Guiced guiced();",
        "  @Provides static String plain() { return \"p\"; } }"));
    assertThat(compilation.errors()).as(compilation.diagnostics().toString()).isEmpty();
  }

  /**
   * A generic daemon is one error: "add a static @Provides method returning T" followed as a
   * second one, a fix no one can follow. A dependency that is not the type variable is still
   * reported.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void aGenericDaemonIsOneErrorNotAMissingTypeVariable(List<String> mode) {
    Compilation compilation = Compiler.compile(mode, source("test.App", "package test;",
        "import io.steelmill.*;", "@Daemon class Box<T> { Box(T t, java.util.List<T> ts) {} }",
        "@Factory interface App { Box<String> b(); }"));
    assertThat(HostileInputTest.messages(compilation)).singleElement().asString()
        .startsWith("[Steelmill/DaemonNotConstructible] @Daemon cannot annotate Box: it is"
            + " generic.");
    Compilation more = Compiler.compile(mode, source("test.App", "package test;",
        "import io.steelmill.*;", "@Daemon class Box<T> { Box(T t, Runnable r) {} }",
        "@Factory interface App { Box<String> b(); }"));
    assertThat(HostileInputTest.messages(more)).hasSize(2)
        .anyMatch(m -> m.startsWith("[Steelmill/MissingBinding] Runnable cannot be provided"));
  }

  /**
   * A key with a wildcard nested in it: the message said "a wildcard type matches no binding,
   * only the exact type it is written as" to a user who had written the binding as that very
   * type. It says why a key cannot have one, and names the type to write instead.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void aNestedWildcardKeyNamesTheTypeToWriteInstead(List<String> mode) {
    Compilation compilation = Compiler.compile(mode, source("test.App", "package test;",
        "import io.steelmill.*;", "import java.util.*;",
        "@Daemon class A { A(Map<String, List<? extends Number>> m, List<? super Integer> l,",
        "    Set<?> s) {} }",
        "@Factory interface App { A a(); }"));
    assertThat(HostileInputTest.messages(compilation)).containsExactly(
        "[Steelmill/TypeNotInjectable] Map<String,List<? extends Number>> (A(m)) cannot be"
            + " injected: a wildcard (?) stands for many types, and a key names exactly one.\n"
            + "Fix: write Map<String, List<Number>> (or another type without ?), here and in its"
            + " binding.",
        "[Steelmill/TypeNotInjectable] List<? super Integer> (A(l)) cannot be injected: a"
            + " wildcard (?) stands for many types, and a key names exactly one.\n"
            + "Fix: write List<Integer> (or another type without ?), here and in its binding.",
        "[Steelmill/TypeNotInjectable] Set<?> (A(s)) cannot be injected: a wildcard (?) stands"
            + " for many types, and a key names exactly one.\n"
            + "Fix: write Set<Object> (or another type without ?), here and in its binding.");
    assertThat(compilation.errors()).extracting(javax.tools.Diagnostic::getLineNumber)
        .containsExactly(4L, 4L, 5L);
  }

  /**
   * JPMS: a library module's public daemon takes a class of a package the module does not
   * export. Every check passed and the generated factory failed to compile ("package
   * lib.internal is not visible"); now it is TypeNotVisible on the user's line, with the fix.
   * With the package exported, the same program compiles.
   */
  @Test
  void aKeyTypeOfAPackageItsModuleDoesNotExportIsNotVisible() throws Exception {
    Path root = Files.createTempDirectory("steelmill-jpms");
    try {
      String steelmill = ModularBuildTest.jarOf("io.steelmill.Daemon") + File.pathSeparator
          + ModularBuildTest.jarOf("io.steelmill.runtime.Node");
      for (boolean exported : new boolean[] {false, true}) {
        Path lib = root.resolve("lib" + exported);
        write(lib.resolve("src/module-info.java"), "module lib { requires io.steelmill;"
            + " exports lib.api;" + (exported ? " exports lib.internal;" : "") + " }");
        write(lib.resolve("src/lib/internal/Impl.java"),
            "package lib.internal; public class Impl { public Impl() {} }");
        write(lib.resolve("src/lib/api/Store.java"), "package lib.api;\n"
            + "@io.steelmill.Daemon public class Store { public Store(lib.internal.Impl i) {} }");
        write(lib.resolve("src/lib/api/Mod.java"), "package lib.api;\npublic class Mod {"
            + " @io.steelmill.Provides public static lib.internal.Impl impl() {"
            + " return new lib.internal.Impl(); } }");
        assertThat(javacOnDisk(List.of("-proc:none", "--module-path", steelmill, "-d",
            lib.resolve("classes").toString()), lib.resolve("src"))).isEmpty();
        Path app = root.resolve("app" + exported);
        write(app.resolve("src/module-info.java"),
            "module app { requires io.steelmill; requires io.steelmill.runtime; requires lib; }");
        write(app.resolve("src/app/App.java"), "package app;\n"
            + "@io.steelmill.Factory(modules = lib.api.Mod.class)\n"
            + "interface App { lib.api.Store store(); }");
        List<String> errors = javacOnDisk(List.of("--module-path",
            steelmill + File.pathSeparator + lib.resolve("classes"), "-d",
            app.resolve("classes").toString(), "-s", app.resolve("gen").toString()),
            app.resolve("src"));
        if (exported) {
          assertThat(errors).isEmpty();
        } else {
          assertThat(errors).singleElement().asString()
              .contains("App.java:3 [Steelmill/TypeNotVisible] Impl is not visible from package"
                  + " app, where the generated factory SteelmillApp lives: package lib.internal"
                  + " is not exported by module lib to module app.")
              .contains("Fix: export it from module lib (exports lib.internal;), or bind a"
                  + " type of an exported package instead.");
        }
      }
    } finally {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static void write(Path file, String text) throws java.io.IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Compiles every source under {@code sources} with Steelmill's processors: the errors. */
  private static List<String> javacOnDisk(List<String> options, Path sources) throws Exception {
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    javax.tools.DiagnosticCollector<JavaFileObject> diagnostics =
        new javax.tools.DiagnosticCollector<>();
    try (javax.tools.StandardJavaFileManager files =
            javac.getStandardFileManager(diagnostics, null, null);
        Stream<Path> walk = Files.walk(sources)) {
      List<Path> java = walk.filter(f -> f.toString().endsWith(".java")).toList();
      for (String option : List.of("-d", "-s")) {
        int at = options.indexOf(option);
        if (at >= 0) {
          Files.createDirectories(Path.of(options.get(at + 1)));
        }
      }
      javax.tools.JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
          options, null, files.getJavaFileObjectsFromPaths(java));
      task.setProcessors(List.of(new SteelmillProcessor(), new SteelmillOptionsProcessor()));
      task.call();
      return diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
          .map(d -> (d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName())
              + ":" + d.getLineNumber() + " " + d.getMessage(null))
          .toList();
    }
  }

  static List<List<String>> modes() {
    return RedTeam12dHostileTest.modes();
  }

  /**
   * Another processor that generates a daemon, run after Steelmill's in the same round: Steelmill
   * claims none of its annotations, since a claim that left javac nothing to match ended its
   * search for processors in that round, and the generator never ran ("cannot find symbol
   * Journal"). Also in a strict build ({@code -Xlint:all,-processing -Werror}).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void aGeneratorAfterSteelmillStillRuns(List<String> mode) {
    List<String> options = new ArrayList<>(mode);
    options.addAll(List.of("-Xlint:all,-processing", "-Werror"));
    Processor[] processors = {new SteelmillProcessor(), new SteelmillOptionsProcessor(),
        new RoundsTest.JournalGenerator()};
    Compilation compilation = javac().withProcessors(processors).withOptions(options).compile(
        source("test.Store", "package test;",
            "@io.steelmill.Daemon final class Store { Store(Journal journal) {} }"),
        source("test.App", "package test;",
            "@io.steelmill.Factory interface App { Store store(); }"));
    assertThat(compilation.diagnostics()).as(compilation.diagnostics().toString()).isEmpty();
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
  }

  /** A wrong option is reported once, with or without Steelmill annotations in the sources. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void aWrongOptionIsReportedOnceEverywhere(List<String> mode) {
    List<String> options = new ArrayList<>(mode);
    options.add("-Asteelmill.lint=everything");
    for (JavaFileObject[] sources : List.of(
        new JavaFileObject[] {source("test.Plain", "package test;", "class Plain {}")},
        new JavaFileObject[] {
          source("test.Worker", "package test;", "@io.steelmill.Daemon class Worker {}"),
          source("test.App", "package test;",
              "@io.steelmill.Factory interface App { Worker w(); }")})) {
      Compilation compilation = Compiler.compile(options, sources);
      assertThat(HostileInputTest.messages(compilation)).singleElement().asString()
          .startsWith("[Steelmill/InvalidOption]").contains("\nFix: ");
    }
  }

  /**
   * Gradle's aggregating mode records every file as an input of a processor that supports
   * {@code "*"} and rebuilds everything when it sees a source-retention annotation ({@code
   * @Override}) among its annotations: the working processor names Steelmill's annotations
   * only, each kept in class files; the one that supports {@code "*"} (for the options) is
   * declared isolating and writes nothing.
   */
  @Test
  void theWorkingProcessorSupportsOnlySteelmillAnnotationsKeptInClassFiles() throws Exception {
    for (String name : new SteelmillProcessor().getSupportedAnnotationTypes()) {
      assertThat(name).startsWith("io.steelmill.");
      Retention retention = Class.forName(name).getAnnotation(Retention.class);
      assertThat(retention.value()).as(name).isNotEqualTo(RetentionPolicy.SOURCE);
    }
    try (InputStream in = SteelmillProcessor.class.getResourceAsStream(
        "/META-INF/gradle/incremental.annotation.processors")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines())
          .containsExactlyInAnyOrder(SteelmillProcessor.class.getName() + ",aggregating",
              SteelmillOptionsProcessor.class.getName() + ",isolating");
    }
  }
}
