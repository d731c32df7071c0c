package io.steelmill.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.HostileInputMoreTest.Program;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A red team's battery (redteam12c), each program compiled in both modes: builds split as an
 * incremental or multi-module build splits them (a daemon, module, implementation, qualifier or
 * parent factory compiled before and only on the class path, with or without the processor),
 * where every error must still land on a line of the user's sources (javac prints an error on a
 * class file's element with no file and no line), and a child compiled apart from its parent must
 * not compile into a factory that fails at run time or into generated code that does not compile.
 * Programs that compile are run: every entry point of every node returns an instance.
 */
class RedTeam12cHostileTest {

  /**
   * A program whose {@code library} was compiled before ({@code processed}: with Steelmill) and
   * is on the class path only.
   */
  record Split(String name, ErrorCode code, boolean legal, boolean processed, String library,
      String text) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Split ok(String name, boolean processed, String library, String text) {
    return new Split(name, null, true, processed, library, text);
  }

  private static Split wrong(String name, ErrorCode code, boolean processed, String library,
      String text) {
    return new Split(name, code, false, processed, library, text);
  }

  static Stream<Split> splits() {
    return Stream.of(compiledBefore(), childrenApart(), List.of(
        wrong("an @Inject field of a daemon from the class path", ErrorCode.InjectWithoutEffect,
            false, JAKARTA_INJECT + "//FILE lib.C\npackage lib;\n@io.steelmill.Daemon public class C {"
                + " @jakarta.inject.Inject public String s; public C() {} }",
            "@Daemon class S { S(lib.C c) {} }\n@Factory interface App { S s(); }")))
        .flatMap(List::stream);
  }

  /** Daemons, modules and implementations of a library compiled without the processor. */
  static List<Split> compiledBefore() {
    return List.of(
        ok("a daemon from the class path", false,
            "//FILE lib.C\npackage lib;\n@io.steelmill.Daemon public class C { public C() {} }",
            "@Daemon class S { S(lib.C c) {} }\n@Factory interface App { S s(); }"),
        ok("an ambient daemon from the class path, asked by every host", false,
            "//FILE lib.C\npackage lib;\n@io.steelmill.Ambient @io.steelmill.Daemon public class C {"
                + " public C() {} }",
            "@Factory interface App { lib.C c(); }"),
        ok("a module from the class path", false,
            "//FILE lib.M\npackage lib;\npublic class M { @io.steelmill.Provides public static"
                + " String s() { return \"x\"; } }",
            "@Factory(modules = lib.M.class) interface App { String s(); }"),
        ok("a generic superinterface from the class path", false,
            "//FILE lib.Base\npackage lib;\npublic interface Base<T> { T get(); }",
            "@Daemon class S {}\n@Factory interface App extends lib.Base<S> {}"),
        wrong("a daemon from the class path with a package-private constructor",
            ErrorCode.TypeNotVisible, false,
            "//FILE lib.C\npackage lib;\n@io.steelmill.Daemon public class C { C() {} }",
            "@Daemon class S { S(lib.C c) {} }\n@Factory interface App { S s(); }"),
        wrong("a daemon from the class path with two constructors", ErrorCode.AmbiguousConstructor,
            false,
            "//FILE lib.C\npackage lib;\n@io.steelmill.Daemon public class C { public C() {}"
                + " public C(int x) {} }",
            "@Daemon class S { S(lib.C c) {} }\n@Factory interface App { S s(); }"),
        wrong("a daemon from the class path needing what nothing binds", ErrorCode.MissingBinding,
            false,
            "//FILE lib.C\npackage lib;\n@io.steelmill.Daemon public class C { public C(Runnable r)"
                + " {} }",
            "@Daemon class S { S(lib.C c) {} }\n@Factory interface App { S s(); }"),
        wrong("a generic daemon from the class path", ErrorCode.DaemonNotConstructible, false,
            "//FILE lib.G\npackage lib;\n@io.steelmill.Daemon public class G<T> { public G() {} }",
            "@Factory interface App { lib.G<String> g(); }"),
        wrong("an abstract daemon from the class path", ErrorCode.DaemonNotConstructible, false,
            "//FILE lib.G\npackage lib;\n@io.steelmill.Daemon public abstract class G { public G()"
                + " {} }",
            "@Factory interface App { lib.G g(); }"),
        wrong("an inner daemon class from the class path", ErrorCode.DaemonNotConstructible, false,
            "//FILE lib.G\npackage lib;\npublic class G { @io.steelmill.Daemon public class In {"
                + " public In() {} } }",
            "@Daemon class S { S(lib.G.In in) {} }\n@Factory interface App { S s(); }"),
        wrong("an enum daemon from the class path", ErrorCode.DaemonNotConstructible, false,
            "//FILE lib.G\npackage lib;\n@io.steelmill.Daemon public enum G { A }",
            "@Factory interface App { lib.G g(); }"),
        wrong("an ambient daemon from the class path needing a per-node one",
            ErrorCode.AmbientDependsOnNode, false,
            "//FILE lib.N\npackage lib;\n@io.steelmill.Daemon public class N { public N() {} }\n"
                + "//FILE lib.A\npackage lib;\n@io.steelmill.Ambient @io.steelmill.Daemon public"
                + " class A { public A(N n) {} }",
            "@Factory interface App { lib.A a(); }"),
        wrong("a module from the class path with a package-private provides method",
            ErrorCode.TypeNotVisible, false,
            "//FILE lib.M\npackage lib;\npublic class M { @io.steelmill.Provides static String s()"
                + " { return \"x\"; } }",
            "@Factory(modules = lib.M.class) interface App { String s(); }"),
        wrong("an implementation from the class path with a package-private constructor",
            ErrorCode.TypeNotVisible, false,
            "//FILE lib.I\npackage lib;\n@io.steelmill.Production(Impl.class)"
                + " @io.steelmill.Simulation(Impl.class) public interface I {}\n"
                + "//FILE lib.Impl\npackage lib;\nclass Impl implements I { Impl() {} }",
            "@Factory interface App { lib.I i(); }"),
        wrong("a daemon from the class path marked both @Production and @Simulation",
            ErrorCode.BothModes, false,
            "//FILE lib.A\npackage lib;\n@io.steelmill.Production @io.steelmill.Simulation"
                + " @io.steelmill.Daemon public class A { public A() {} }",
            "@Factory interface App { lib.A a(); }"),
        wrong("a daemon from the class path whose dependency's class was deleted",
            ErrorCode.MissingBinding, false,
            "//FILE lib.A\npackage lib;\n@io.steelmill.Daemon public class A { public A(Gone g) {}"
                + " }\n//FILE lib.Gone\npackage lib;\npublic class Gone {}",
            "@Factory interface App { lib.A a(); }"));
  }

  /** A child factory compiled in one compilation, its parent in an earlier one. */
  static List<Split> childrenApart() {
    String parent = "//FILE test.App\npackage test;\n@io.steelmill.Daemon class D {}\n"
        + "@io.steelmill.Factory public interface App { D d();"
        + " @io.steelmill.Provides static String s(D d) { return \"x\"; } }";
    return List.of(
        wrong("a child of a parent compiled without the processor", ErrorCode.ParentCompiledApart,
            false, parent, "@Daemon class S {}\n@Factory(parent = App.class) interface L { S s(); }"),
        wrong("a child taking a provides binding of a parent compiled before",
            ErrorCode.ParentCompiledApart, true, parent,
            "@Factory(parent = App.class) interface L { String s(); }"),
        wrong("a child taking a daemon of a parent compiled before", ErrorCode.ParentCompiledApart,
            true, parent, "@Factory(parent = App.class) interface L { D d(); }"),
        wrong("a child taking an ambient daemon its parent, compiled before, never knew",
            ErrorCode.ParentCompiledApart, true, parent,
            "@Ambient @Daemon class A {}\n@Factory(parent = App.class) interface L { A a(); }"),
        wrong("a grandchild whose parent takes from a root compiled before",
            ErrorCode.ParentCompiledApart, true, parent,
            "@Factory(parent = App.class) interface M {}\n"
                + "@Factory(parent = M.class) interface L { String s(); }"),
        ok("a child taking nothing of a parent compiled before", true, parent,
            "@Daemon class S {}\n@Factory(parent = App.class) interface L { S s(); }"),
        ok("a child compiled again alone, its parent compiled with it before (an IDE's build)",
            true, parent + "\n//FILE test.L\npackage test;\n"
                + "@io.steelmill.Factory(parent = App.class) interface L { String s(); D d(); }",
            "@Factory(parent = App.class) interface L { String s(); D d(); }"),
        ok("a parent compiled again beside a child compiled before", true,
            parent + "\n@io.steelmill.Factory(parent = App.class) interface L { String s(); }",
            "@Daemon class D {}\n@Factory interface App { D d();"
                + " @Provides static String s(D d) { return \"x\"; } }"));
  }

  private static final String JAKARTA_INJECT = "//FILE jakarta.inject.Inject\npackage jakarta.inject;\n"
      + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
      + " public @interface Inject {}\n";

  private static final String JAVAX_INJECT = "//FILE javax.inject.Inject\npackage javax.inject;\n"
      + "public @interface Inject {}\n";

  private static final String HIDDEN = "//FILE other.Hidden\npackage other;\nclass Hidden {}\n";

  private static Program wrongProgram(String name, ErrorCode code, String text) {
    return new Program(name, code, false, text);
  }

  private static Program okProgram(String name, String text) {
    return new Program(name, null, true, text);
  }

  /**
   * Programs in one compilation: Dagger's and Guice's member injection, which Steelmill lacks;
   * keys naming a type the generated factory's package cannot see.
   */
  static Stream<Program> programs() {
    String app = "//FILE test.App\npackage test;\nimport io.steelmill.*;\n";
    return Stream.of(
        wrongProgram("an @Inject field of a daemon", ErrorCode.InjectWithoutEffect,
            JAKARTA_INJECT + app + "@Daemon class C {}\n"
                + "@Daemon class S { @jakarta.inject.Inject C c; }\n@Factory interface App { S s(); }"),
        wrongProgram("an @Inject method of a production-only daemon", ErrorCode.InjectWithoutEffect,
            JAVAX_INJECT + app + "@Daemon class C {}\n"
                + "@Production @Daemon class S { @javax.inject.Inject void set(C c) {} }\n"
                + "@Factory interface App { @Provides static Object o(io.steelmill.runtime.Provider<S> s)"
                + " { return \"\"; } Object o(); }"),
        wrongProgram("an @Inject field of a daemon's superclass", ErrorCode.InjectWithoutEffect,
            JAKARTA_INJECT + app + "@Daemon class C {}\nabstract class Base { @jakarta.inject.Inject C c; }\n"
                + "@Daemon class S extends Base {}\n@Factory interface App { S s(); }"),
        wrongProgram("an @Inject field of an implementation named by @Production",
            ErrorCode.InjectWithoutEffect,
            JAKARTA_INJECT + app + "@Production(Impl.class) @Simulation(Impl.class) interface I {}\n"
                + "class Impl implements I { @jakarta.inject.Inject String s; }\n"
                + "@Factory interface App { I i(); }"),
        wrongProgram("an @Inject field of a daemon no factory uses", ErrorCode.InjectWithoutEffect,
            JAKARTA_INJECT + app + "@Daemon class U { @jakarta.inject.Inject String s; }\n"
                + "@Daemon class S {}\n@Factory interface App { S s(); }"),
        wrongProgram("a public provides method returning a package-private type of another"
                + " package", ErrorCode.TypeNotVisible,
            HIDDEN + "//FILE other.Mod\npackage other;\npublic class Mod { @io.steelmill.Provides"
                + " public static Hidden h() { return new Hidden(); } }\n"
                + "//FILE other.S\npackage other;\n@io.steelmill.Daemon public class S {"
                + " public S(Hidden h) {} }\n"
                + "//FILE test.App\npackage test;\nimport io.steelmill.*;\n"
                + "@Factory(modules = other.Mod.class) interface App { other.S s(); }"),
        wrongProgram("a key whose type argument is package-private in another package",
            ErrorCode.TypeNotVisible,
            HIDDEN + "//FILE other.Mod\npackage other;\npublic class Mod { @io.steelmill.Provides"
                + " public static java.util.List<Hidden> h() { return java.util.List.of(); } }\n"
                + "//FILE other.S\npackage other;\n@io.steelmill.Daemon public class S {"
                + " public S(java.util.List<Hidden> h) {} }\n"
                + "//FILE test.App\npackage test;\nimport io.steelmill.*;\n"
                + "@Factory(modules = other.Mod.class) interface App { other.S s(); }"),
        wrongProgram("an array key of a package-private type of another package, by provider",
            ErrorCode.TypeNotVisible,
            HIDDEN + "//FILE other.Mod\npackage other;\npublic class Mod { @io.steelmill.Provides"
                + " public static Hidden[] h() { return new Hidden[0]; } }\n"
                + "//FILE other.S\npackage other;\n@io.steelmill.Daemon public class S {"
                + " public S(io.steelmill.runtime.Provider<Hidden[]> h) {} }\n"
                + "//FILE test.App\npackage test;\nimport io.steelmill.*;\n"
                + "@Factory(modules = other.Mod.class) interface App { other.S s(); }"),
        okProgram("a key of a package-private type used in its own package",
            "class Hidden {}\n@Daemon class S { S(Hidden h) {} }\n"
                + "@Factory interface App { S s(); @Provides static Hidden h() { return new Hidden(); } }"),
        wrongProgram("a parent injecting the creator of a child whose generated name a class"
                + " takes", ErrorCode.GeneratedNameTaken,
            "class SteelmillL {}\n@Daemon class S {}\n"
                + "@Daemon class Boss { Boss(Provider<SteelmillL.Creator> c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface L { S s(); }"),
        wrongProgram("a parent returning the creator of a child whose generated class cannot name"
                + " the runtime", ErrorCode.NameHidden,
            "@Daemon class S {}\n@Factory interface App { SteelmillL.Creator c(); }\n"
                + "@Factory(parent = App.class) interface L { S s(); class Node {} class io {} }"),
        okProgram("a child extending its parent's interface, inheriting the entry point that"
                + " returns its own creator",
            "@Daemon class S {}\n@Factory interface App { SteelmillL.Creator c(); }\n"
                + "@Factory(parent = App.class) interface L extends App { S s(); }"),
        okProgram("a key with a child's creator as a type argument",
            "@Daemon class S { S(java.util.List<SteelmillL.Creator> c) {} }\n"
                + "@Factory interface App { S s(); java.util.List<SteelmillL.Creator> c();\n"
                + "  @Provides static java.util.List<SteelmillL.Creator> p(SteelmillL.Creator c) {"
                + " return java.util.List.of(c); } }\n"
                + "@Factory(parent = App.class) interface L {}"),
        okProgram("@Inject on the constructor, a static method and a plain class's field",
            JAKARTA_INJECT + app + "@Daemon class S { @jakarta.inject.Inject S() {} }\n"
                + "class Other { @jakarta.inject.Inject String s; }\n"
                + "@Factory interface App { S s(); }"));
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
   * A program and the sources another processor generates in its first round (round 0): the
   * types they define are undefined while Steelmill first sees the program.
   */
  record Generated(String name, ErrorCode code, boolean legal, Map<String, String> sources,
      String text) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Generated> generatedInRoundZero() {
    return Stream.of(
        new Generated("a module another processor generates", null, true,
            Map.of("test.GenMod", "package test;\nfinal class GenMod {"
                + " @io.steelmill.Provides static String s() { return \"x\"; } }\n"),
            "@Factory(modules = GenMod.class) interface App { String s(); }"),
        new Generated("an implementation another processor generates", null, true,
            Map.of("test.GenImpl", "package test;\nfinal class GenImpl implements Port {"
                + " GenImpl() {} }\n"),
            "@Production(GenImpl.class) @Simulation(GenImpl.class) interface Port {}\n"
                + "@Factory interface App { Port p(); }"),
        new Generated("a superinterface with an entry point another processor generates", null,
            true, Map.of("test.GenBase", "package test;\ninterface GenBase { S s(); }\n"),
            "@Daemon class S {}\n@Factory interface App extends GenBase {}"),
        new Generated("a parent factory another processor generates", null, true,
            Map.of("test.GenParent", "package test;\n@io.steelmill.Factory interface GenParent {"
                + " @io.steelmill.Provides static String s() { return \"\"; } }\n"),
            "@Factory(parent = GenParent.class) interface L { String s(); }"),
        new Generated("an injected type another processor generates", null, true,
            Map.of("test.GenConfig", "package test;\nfinal class GenConfig {}\n"),
            "@Factory(injected = GenConfig.class) interface App {}"),
        new Generated("a child another processor generates after its parent was written",
            ErrorCode.ParentCompiledApart, false,
            Map.of("test.Trigger", "package test;\nfinal class Trigger {}\n"),
            "@Daemon class D {}\n@Factory interface App { @Provides static String s(D d) {"
                + " return \"\"; } }\n"
                + "@Factory(parent = App.class) interface Early { D d(); }"),
        new Generated("a module no processor generates", null, false, Map.of(),
            "@Factory(modules = NeverMod.class) interface App { String s(); }"),
        new Generated("an implementation no processor generates", null, false, Map.of(),
            "@Production(NeverImpl.class) interface Port {}\n@Factory interface App { Port p(); }"),
        new Generated("a superinterface no processor generates", null, false, Map.of(),
            "@Daemon class S {}\n@Factory interface App extends NeverBase { S s(); }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generatedInRoundZero")
  void typesAnotherProcessorGeneratesAreWaitedFor(Generated program) throws Exception {
    Map<Integer, Map<String, String>> rounds = new HashMap<>();
    rounds.put(0, program.sources());
    if (program.code() == ErrorCode.ParentCompiledApart) {
      // the child comes a round after the parent, which Steelmill writes in round 0
      rounds.put(1, Map.of("test.GenChild", "package test;\n"
          + "@io.steelmill.Factory(parent = App.class) interface GenChild { String s(); }\n"));
    }
    List<JavaFileObject> files = HostileInputMoreTest.files(program.text());
    for (List<String> mode : modes().toList()) {
      Compilation compilation = Compiler.compile(
          new javax.annotation.processing.Processor[] {
              new RedTeam12bHostileTest.OtherProcessor(rounds, null), new SteelmillProcessor()},
          mode, files.toArray(JavaFileObject[]::new));
      List<String> messages = HostileInputTest.messages(compilation);
      String shown = program + " " + mode + ": " + messages;
      assertThat(messages).as(shown).noneMatch(m -> m.contains("ProcessorCrash"));
      for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
        assertThat(error.getSource()).as(shown).isNotNull();
        assertThat(error.getSource().getName()).as(shown).doesNotContain("Steelmill");
        assertThat(error.getLineNumber()).as(shown).isPositive();
      }
      if (program.legal()) {
        assertThat(compilation.status()).as(shown).isEqualTo(Compilation.Status.SUCCESS);
        int nodes = new KeysAndChildrenHostileTest.Runner(shown, ClassFiles.of(compilation)).run();
        assertThat(nodes).as(shown).isPositive();
      } else {
        assertThat(compilation.status()).as(shown).isEqualTo(Compilation.Status.FAILURE);
        if (program.code() != null) {
          assertThat(messages).as(shown).anyMatch(m -> m.startsWith(program.code().tag()));
        }
      }
    }
  }

  /**
   * A loop through 400 daemons is one error of a screen, not of 800 lines: its first steps, how
   * many more, and the steps that close it (the Fix names the closing key).
   */
  @org.junit.jupiter.api.Test
  void aLongDependencyCycleIsReportedInAScreen() {
    int n = 400;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append("@Daemon class C").append(i).append(" { C").append(i).append("(C")
          .append((i + 1) % n).append(" d) {} }\n");
    }
    text.append("@Factory interface App { C0 c(); }");
    Compilation compilation = Compiler.compile(
        HostileInputMoreTest.files(text.toString()).toArray(JavaFileObject[]::new));
    List<String> cycles = HostileInputTest.messages(compilation).stream()
        .filter(m -> m.startsWith(ErrorCode.DependencyCycle.tag())).toList();
    assertThat(cycles).hasSize(1);
    String cycle = cycles.get(0);
    assertThat(cycle.lines().count()).as(cycle).isLessThan(50);
    assertThat(cycle).contains("...and 384 more in the loop")
        .contains("C0 is injected at\n        [App] C399(C0 d)")
        .contains("Fix: break the loop by injecting Provider<C0>");
  }

  static Stream<List<String>> modes() {
    return Stream.of(List.of(), List.of("-Asteelmill.mode=simulation"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("splits")
  void everyErrorOnAUsersLineAndEveryCompilingProgramRuns(Split split) throws Exception {
    for (List<String> mode : modes().toList()) {
      ClassPaths.Library library = ClassPaths.compiledBefore(split.processed(), mode,
          HostileInputMoreTest.files(split.library()).toArray(JavaFileObject[]::new));
      List<JavaFileObject> files = HostileInputMoreTest.files(split.text());
      List<String> options = new ArrayList<>(mode);
      options.add("-classpath");
      options.add(library.classPath());
      Compilation compilation = Compiler.compile(options, files.toArray(JavaFileObject[]::new));
      assertUsersLines(new Program(split.name(), split.code(), split.legal(), split.text()),
          files, mode, compilation);
      if (split.legal()) {
        Map<String, byte[]> classes = new HashMap<>(library.classes());
        classes.putAll(ClassFiles.of(compilation));
        int nodes = new KeysAndChildrenHostileTest.Runner(split + " " + mode, classes).run();
        assertThat(nodes).as(split + " " + mode + ": nodes run").isPositive();
      }
    }
  }

  /**
   * No crash; a legal program compiles; a wrong one fails with {@code code}, and every error is
   * on a positive line of one of {@code files}, with a {@code Fix:} line when it is Steelmill's.
   */
  static void assertUsersLines(Program program, List<JavaFileObject> files, List<String> mode,
      Compilation compilation) {
    List<String> messages = HostileInputTest.messages(compilation);
    String shown = program + " " + mode + ": " + messages;
    assertThat(messages).as(shown).noneMatch(m -> m.contains("ProcessorCrash"));
    if (program.legal()) {
      assertThat(compilation.status()).as(shown).isEqualTo(Compilation.Status.SUCCESS);
      return;
    }
    assertThat(compilation.status()).as(shown).isEqualTo(Compilation.Status.FAILURE);
    Set<String> users = files.stream().map(f -> f.toUri().toString()).collect(Collectors.toSet());
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String text = DiagnosticsTest.text(error);
      assertThat(error.getSource()).as("file of " + text).isNotNull();
      assertThat(users).as("user file of " + text).contains(error.getSource().toUri().toString());
      assertThat(error.getLineNumber()).as("line of " + text).isPositive();
      if (text.startsWith("[Steelmill/")) {
        assertThat(text).as(shown).contains("\nFix: ");
      }
    }
    if (program.code() != null) {
      assertThat(messages).as(shown).anyMatch(m -> m.startsWith(program.code().tag()));
    }
  }
}
