package io.steelmill.processor;

import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.Node;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes as users make them, in the shapes that used to crash the processor or pass silently:
 * each must fail the compilation with the expected code, on a line of the user's sources, with no
 * {@code ProcessorCrash} and no generated factory.
 */
class HostileInputTest {
  private static final String FACTORY =
      "package test;\nimport io.steelmill.*;\n@Factory public interface App { Store store(); }\n";

  /** Daemons a factory cannot construct, and the code each gets. */
  static Stream<Object[]> unusableDaemons() {
    return Stream.of(
        new Object[] {"@Daemon public class Store { private Store() {} }", ErrorCode.NoUsableConstructor},
        new Object[] {
          "@Daemon public class Store { Store() {} Store(String s) {} }", ErrorCode.AmbiguousConstructor
        },
        new Object[] {"@Daemon public enum Store { ONE }", ErrorCode.DaemonNotConstructible},
        new Object[] {"@Daemon public abstract class Store { Store() {} }", ErrorCode.DaemonNotConstructible},
        new Object[] {"@Daemon public class Store<T> { Store() {} }", ErrorCode.DaemonNotConstructible},
        new Object[] {
          "@Daemon public class Store { @jakarta.inject.Inject private Store() {} }",
          ErrorCode.NoUsableConstructor
        },
        new Object[] {"@Daemon public record Store(String s) { private Store {} }", null});
  }

  /** Same file, daemon first, factory first, and each of the two generated in a later round. */
  static Stream<Object[]> unusableDaemonLayouts() {
    List<Object[]> all = new ArrayList<>();
    unusableDaemons()
        .forEach(
            d -> {
              for (String layout : List.of("same", "daemonFirst", "factoryFirst", "daemonLater",
                  "factoryLater")) {
                all.add(new Object[] {layout, d[0], d[1]});
              }
            });
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("unusableDaemonLayouts")
  void unusableDaemonIsReportedAndNothingIsWritten(String layout, String daemon, ErrorCode code) {
    String daemonFile = "package test;\nimport io.steelmill.*;\n" + daemon + "\n";
    List<Processor> processors = new ArrayList<>();
    List<JavaFileObject> sources = new ArrayList<>();
    switch (layout) {
      case "same" -> sources.add(
          source("test.App", (FACTORY + daemon.replace("public ", "")).split("\n")));
      case "daemonFirst" -> {
        sources.add(source("test.Store", daemonFile.split("\n")));
        sources.add(source("test.App", FACTORY.split("\n")));
      }
      case "factoryFirst" -> {
        sources.add(source("test.App", FACTORY.split("\n")));
        sources.add(source("test.Store", daemonFile.split("\n")));
      }
      case "daemonLater" -> {
        processors.add(new SourceWriter("test.Store", daemonFile));
        sources.add(source("test.App", FACTORY.split("\n")));
      }
      default -> {
        processors.add(new SourceWriter("test.App", FACTORY));
        sources.add(source("test.Store", daemonFile.split("\n")));
      }
    }
    RecordingProcessor steelmill = new RecordingProcessor(new SteelmillProcessor());
    processors.add(steelmill);
    Compilation compilation =
        Compiler.compile(
            processors.toArray(Processor[]::new), List.of(), sources.toArray(JavaFileObject[]::new));
    written = steelmill.created();

    assertNoCrash(compilation);
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    if (code != null) {
      assertThat(messages(compilation)).anyMatch(m -> m.startsWith(code.tag()) && m.contains("Fix: "));
    }
    assertNotWritten(compilation, "test.SteelmillApp");
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertThat(error.getSource()).as("file of " + error.getMessage(null)).isNotNull();
      assertThat(error.getSource().getName()).doesNotContain("Steelmill");
      assertThat(error.getLineNumber()).isPositive();
    }
  }

  // ---- one mistake, one error on the line that makes it --------------------------------------

  /**
   * A program (the body of {@code test/App.java} after the package and the import of {@code
   * io.steelmill.*}) that must fail with exactly one {@code code} error, on the line containing
   * {@code line}, whose message contains {@code reason} and a {@code Fix:}; no other error unless
   * {@code alone} is false (a binding that is rejected leaves its key missing too), and nothing
   * written.
   */
  record Rejected(
      String name, String program, ErrorCode code, String line, String reason, boolean alone) {
    Rejected(String name, String program, ErrorCode code, String line, String reason) {
      this(name, program, code, line, reason, true);
    }

    Rejected withFollowOnErrors() {
      return new Rejected(name, program, code, line, reason, false);
    }


    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Rejected> rejected() {
    return Stream.of(
        new Rejected("unusable implementation of an alias",
            "@Production(DiskImpl.class) interface Disk {}\n"
                + "class DiskImpl implements Disk { private DiskImpl() {} }\n"
                + "@Factory interface App { Disk disk(); }",
            ErrorCode.ImplementationNotConstructible, "@Production(DiskImpl.class) interface Disk", "")
            .withFollowOnErrors(),
        new Rejected("child of a failing parent",
            "@Daemon class Store { Store(Missing m) {} }\nclass Missing {}\n@Daemon class Worker {}\n"
                + "@Factory interface Host { Store store(); }\n"
                + "@Factory(parent = Host.class) interface Lease { Worker worker(); }",
            ErrorCode.MissingBinding, "Store(Missing m)", "Missing"),
        new Rejected("private factory",
            "class Outer {\n  @Factory private interface App {}\n}",
            ErrorCode.TypeNotVisible, "interface App", ""),
        new Rejected("factory in a private class",
            "class Outer {\n  private static class Inner {\n    @Factory interface App {}\n  }\n}",
            ErrorCode.TypeNotVisible, "interface App", ""),
        new Rejected("ambient on an interface without daemon",
            "@Ambient interface Registry {}", ErrorCode.AmbientWithoutDaemon,
            "interface Registry", ""),
        new Rejected("nullable on a type use",
            "import java.lang.annotation.*;\n@Target(ElementType.TYPE_USE) @interface Nullable {}\n"
                + "@Factory interface App {\n  String label();\n"
                + "  @Provides static @Nullable String label0() { return null; }\n}",
            ErrorCode.ProvidesNullable, "String label0()", "").withFollowOnErrors(),
        notInjectable("primitive injected", "@Factory(injected = {int.class}) interface App {}",
            "interface App", "primitive"),
        notInjectable("void injected", "@Factory(injected = void.class) interface App {}",
            "interface App", "void"),
        notInjectable("array injected", "@Factory(injected = String[].class) interface App {}",
            "interface App", "array"),
        notInjectable("void entry point", "@Factory interface App { void run(); }", "void run()",
            "void"),
        notInjectable("wildcard entry point",
            "@Factory interface App { java.util.List<? extends Store> stores(); }", "stores()",
            "wildcard"),
        notInjectable("wildcard provider entry point",
            "@Factory interface App { io.steelmill.runtime.Provider<?> any(); }", "any()",
            "wildcard"),
        notInjectable("generic factory", "@Factory interface App<T> { T thing(); }",
            "interface App", "type parameters"),
        notInjectable("entry point inherited with a wildcard argument",
            "interface Base<T> { java.util.List<T> things(); }"
                + " @Factory interface App extends Base<java.util.List<?>> {}",
            "interface App", "wildcard"),
        notInjectable("generic provides method",
            "@Factory interface App { Store store(); @Provides static <T> T make() { return null; } }",
            "static <T> T make()", "type variable"),
        notInjectable("wildcard constructor parameter",
            "@Daemon class Box { Box(java.util.List<?> items) {} } @Factory interface App { Box box(); }",
            "Box(java.util.List<?> items)", "wildcard").withFollowOnErrors());
  }

  /** A type that cannot be a key, next to a daemon {@code Store}. */
  private static Rejected notInjectable(String name, String program, String line, String reason) {
    return new Rejected(name, "@Daemon class Store {}\n" + program, ErrorCode.TypeNotInjectable,
        line, reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void aMistakeIsOneErrorOnItsLineAndNothingIsWritten(Rejected mistake) {
    Compilation compilation =
        compile(source("test.App", ("package test;\nimport io.steelmill.*;\n" + mistake.program())
            .split("\n")));

    assertNoCrash(compilation);
    Diagnostic<? extends JavaFileObject> error = only(compilation, mistake.code());
    assertThat(error.getMessage(null)).contains(mistake.reason()).contains("Fix: ");
    assertThat(lineText(error)).contains(mistake.line());
    if (mistake.alone()) {
      assertThat(messages(compilation)).as("errors").hasSize(1);
    }
    assertThat(written).as("written").isEmpty();
  }

  // ---- generated names ------------------------------------------------------------------------

  static Stream<Object[]> takenNames() {
    return Stream.of(
        new Object[] {
          List.of(),
          List.of(
              source("test.Outer_App", "package test;", "@io.steelmill.Factory interface Outer_App {}"),
              source("test.Outer", "package test;", "class Outer {", "  @io.steelmill.Factory interface App {}", "}")),
          "interface App"
        },
        new Object[] {
          List.of(),
          List.of(
              source("test.App", "package test;", "@io.steelmill.Factory interface App {}"),
              source("test.SteelmillApp", "package test;", "public class SteelmillApp {}")),
          "interface App"
        },
        new Object[] {
          List.of("-Asteelmill.mode=simulation"),
          List.of(
              source("test.App", "package test;", "@io.steelmill.Factory interface App {}"),
              source("test.SteelmillAppSim", "package test;", "public class SteelmillAppSim {}")),
          "interface App"
        });
  }

  @ParameterizedTest
  @MethodSource("takenNames")
  void takenGeneratedNameIsADiagnostic(List<String> options, List<JavaFileObject> sources, String line) {
    Compilation compilation = compile(options, sources.toArray(JavaFileObject[]::new));

    assertNoCrash(compilation);
    Diagnostic<? extends JavaFileObject> error = only(compilation, ErrorCode.GeneratedNameTaken);
    assertThat(error.getLineNumber()).isPositive();
    assertThat(lineText(error)).contains(line);
  }

  // ---- options --------------------------------------------------------------------------------

  static Stream<Object[]> wrongOptions() {
    return Stream.of(
        new Object[] {"-Asteelmill.mode=", ErrorCode.UnknownMode, "production and simulation"},
        new Object[] {"-Asteelmill.mode", ErrorCode.UnknownMode, "production and simulation"},
        new Object[] {"-Asteelmill.mode=PRODUCTION", ErrorCode.UnknownMode, "production and simulation"},
        new Object[] {"-Asteelmill.mode= simulation", ErrorCode.UnknownMode, "production and simulation"},
        new Object[] {"-Asteelmill.strict=yes", ErrorCode.InvalidOption, "false and true"},
        new Object[] {"-Asteelmill.strict=TRUE", ErrorCode.InvalidOption, "false and true"},
        new Object[] {"-Asteelmill.strict=", ErrorCode.InvalidOption, "false and true"},
        new Object[] {"-Asteelmill.lint=ALL", ErrorCode.InvalidOption, "simulation and all"},
        new Object[] {"-Asteelmill.lint=none", ErrorCode.InvalidOption, "simulation and all"},
        new Object[] {"-Asteelmill.modes=simulation", ErrorCode.UnknownOption, "steelmill.mode"});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongOptions")
  void everyOptionValueIsChecked(String option, ErrorCode code, String accepted) {
    Compilation compilation =
        compile(
            List.of(option),
            source(
                "test.App",
                "package test;",
                "import io.steelmill.*;",
                "@Daemon class Store {}",
                "@Factory interface App { Store store(); }"));

    assertNoCrash(compilation);
    assertThat(only(compilation, code).getMessage(null)).contains(accepted).contains("Fix: ");
  }

  @Test
  void primitiveEntryPointWithABindingWorks() throws Exception {
    Compilation compilation =
        compile(
            source(
                "test.App",
                "package test;",
                "import io.steelmill.*;",
                "@Factory public interface App {",
                "  int port();",
                "  @Provides static int port0() { return 7; }",
                "}"));

    assertThat(compilation.errors()).isEmpty();
    assertThat(written).contains("test.SteelmillApp");
    Node node = create(compilation, "test.SteelmillApp");
    assertThat(node.getClass().getMethod("port").invoke(node)).isEqualTo(7);
  }

  // ---- null from a @Provides method -----------------------------------------------------------

  @Test
  void providesReturningNullFailsTheBuildNamingTheDaemon() throws Exception {
    Compilation compilation =
        compile(
            source(
                "test.App",
                "package test;",
                "import io.steelmill.*;",
                "@Daemon final class Store { Store(String name) {} }",
                "@Factory public interface App {",
                "  Store store();",
                "  @Provides static String name() { return null; }",
                "}"));
    assertThat(compilation.errors()).isEmpty();
    Node node = create(compilation, "test.SteelmillApp");

    Throwable thrown = null;
    try {
      node.getClass().getMethod("store").invoke(node);
    } catch (InvocationTargetException e) {
      thrown = e.getCause();
    }

    assertThat(thrown).isInstanceOf(FactoryException.class);
    FactoryException failure = (FactoryException) thrown;
    assertThat(failure.daemon()).isEqualTo("String");
    assertThat(failure.getMessage())
        .contains("the @Provides method test.App#name() returned null for String")
        .contains("Fix: return an instance from test.App#name()")
        .contains("dependency path: Store -> String");
    assertThat(node.builtDaemons()).isEmpty();
  }

  @Test
  void providesInANestedModuleReturningNullIsNamedWithItsClass() throws Exception {
    Compilation compilation =
        compile(
            source(
                "test.App",
                "package test;",
                "import io.steelmill.*;",
                "import java.util.List;",
                "@Daemon final class Store { Store(@Named(\"peers\") List<String> peers) {} }",
                "final class Outer {",
                "  static final class Peers {",
                "    @Provides @Named(\"peers\") static List<String> peerList() { return null; }",
                "  }",
                "}",
                "@Factory(modules = Outer.Peers.class) public interface App { Store store(); }"));
    assertThat(compilation.errors()).isEmpty();
    Node node = create(compilation, "test.SteelmillApp");

    InvocationTargetException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvocationTargetException.class, () -> node.getClass().getMethod("store").invoke(node));

    assertThat(thrown.getCause()).isInstanceOf(FactoryException.class);
    assertThat(thrown.getCause().getMessage())
        .contains("the @Provides method test.Outer.Peers#peerList() returned null for")
        .contains("List<String>")
        .contains("Fix: return an instance from test.Outer.Peers#peerList()");
    assertThat(((FactoryException) thrown.getCause()).daemon()).contains("peers");
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static Node create(Compilation compilation, String factory) throws Exception {
    ClassLoader loader = ClassFiles.loader(ClassFiles.of(compilation));
    return (Node) loader.loadClass(factory).getMethod("create").invoke(null);
  }

  static List<String> messages(Compilation compilation) {
    return compilation.errors().stream().map(DiagnosticsTest::text).toList();
  }

  static void assertNoCrash(Compilation compilation) {
    assertThat(messages(compilation)).noneMatch(m -> m.contains("ProcessorCrash"));
  }

  /** The source files Steelmill created in the last compilation of this test. */
  private List<String> written = List.of();

  private Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  private Compilation compile(List<String> options, JavaFileObject... sources) {
    RecordingProcessor steelmill = new RecordingProcessor(new SteelmillProcessor());
    Compilation compilation = Compiler.compile(new Processor[] {steelmill}, options, sources);
    written = steelmill.created();
    return compilation;
  }

  private void assertNotWritten(Compilation compilation, String qualifiedName) {
    assertThat(written).as("written").doesNotContain(qualifiedName);
  }

  private static Diagnostic<? extends JavaFileObject> only(Compilation compilation, ErrorCode code) {
    List<Diagnostic<? extends JavaFileObject>> found =
        compilation.errors().stream().filter(d -> DiagnosticsTest.text(d).startsWith(code.tag())).toList();
    assertThat(found).as("%s in %s", code, messages(compilation)).hasSize(1);
    return found.get(0);
  }

  private static String lineText(Diagnostic<? extends JavaFileObject> diagnostic) {
    try {
      assertThat(diagnostic.getSource()).as("file of " + diagnostic.getMessage(null)).isNotNull();
      return diagnostic.getSource().getCharContent(true).toString().lines().toList()
          .get((int) diagnostic.getLineNumber() - 1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
