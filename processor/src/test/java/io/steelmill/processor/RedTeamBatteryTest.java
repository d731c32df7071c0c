package io.steelmill.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.HostileInputMoreTest.Program;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A red team's battery of hostile programs, many spread over several files: unusable
 * constructors declared apart from the factory, generated names taken in every shape, odd
 * {@code @Provides} and {@code injected} types, entry points of odd shapes, and errors in several
 * files at once. Each is checked as {@link HostileInputMoreTest} checks its programs: never a
 * {@code ProcessorCrash} or an exception out of javac, every error on a line of the user's files
 * with a {@code Fix:}, and a clean compile when there is no mistake.
 */
class RedTeamBatteryTest {
  private static final String HEAD =
      "package test;\nimport io.steelmill.*;\nimport io.steelmill.runtime.Provider;\n";

  private static Program ok(String name, String text) {
    return new Program(name, null, true, text);
  }

  private static Program wrong(String name, ErrorCode code, String text) {
    return new Program(name, code, false, text);
  }

  /** A daemon in its own file, the factory asking for it in another. */
  private static String apart(String daemonFile) {
    return "//FILE test.Store\n" + HEAD + daemonFile + "\n//FILE test.App\n" + HEAD
        + "@Factory interface App { Store store(); }";
  }

  static Stream<Program> programs() {
    return Stream.of(constructorsApart(), names(), provides(), injected(), entryPoints(),
            ambient(), severalFiles())
        .flatMap(List::stream);
  }

  static List<Program> constructorsApart() {
    return List.of(
        wrong("private constructor apart", ErrorCode.NoUsableConstructor,
            apart("@Daemon class Store { private Store() {} }")),
        wrong("two constructors without inject apart", ErrorCode.AmbiguousConstructor,
            apart("@Daemon class Store { Store() {} Store(String s) {} }")),
        wrong("three constructors, all private apart", ErrorCode.NoUsableConstructor,
            apart("@Daemon class Store { private Store() {} private Store(int i) {}"
                + " private Store(long l) {} }")),
        wrong("enum daemon apart", null, apart("@Daemon enum Store { A }")),
        wrong("abstract daemon apart", null, apart("@Daemon abstract class Store {}")),
        wrong("interface daemon apart", null, apart("@Daemon interface Store {}")),
        wrong("annotation daemon apart", null, apart("@Daemon @interface Store {}")),
        wrong("generic daemon apart", null, apart("@Daemon class Store<T> {}")),
        wrong("inner daemon apart", null,
            "//FILE test.Outer\n" + HEAD + "class Outer { @Daemon class Store {} }\n"
                + "//FILE test.App\n" + HEAD + "@Factory interface App { Outer.Store s(); }"),
        ok("record daemon apart", apart("@Daemon record Store() {}")),
        wrong("record daemon with a compact private canonical", null,
            apart("@Daemon record Store(String s) {}")),
        wrong("private constructor apart, needed by another daemon", null,
            "//FILE test.Store\n" + HEAD + "@Daemon class Store { private Store() {} }\n"
                + "//FILE test.Cache\n" + HEAD + "@Daemon class Cache { Cache(Store s) {} }\n"
                + "//FILE test.App\n" + HEAD + "@Factory interface App { Cache cache(); }"),
        wrong("private constructor apart, reached from a child only", null,
            "//FILE test.Store\n" + HEAD + "@Daemon class Store { private Store() {} }\n"
                + "//FILE test.App\n" + HEAD + "@Factory interface App {}\n"
                + "//FILE test.Lease\n" + HEAD
                + "@Factory(parent = App.class) interface Lease { Store s(); }"),
        wrong("private constructor apart, a provider of it", null,
            "//FILE test.Store\n" + HEAD + "@Daemon class Store { private Store() {} }\n"
                + "//FILE test.App\n" + HEAD
                + "@Factory interface App { Provider<Store> s(); }"),
        wrong("unusable daemon in a mode implementation apart", null,
            "//FILE test.Disk\n" + HEAD + "@Production(RealDisk.class) @Simulation(RealDisk.class)"
                + " interface Disk {}\n"
                + "//FILE test.RealDisk\n" + HEAD
                + "@Daemon class RealDisk implements Disk { private RealDisk() {} }\n"
                + "//FILE test.App\n" + HEAD + "@Factory interface App { Disk d(); }"),
        wrong("two unusable daemons in two files", null,
            "//FILE test.Store\n" + HEAD + "@Daemon class Store { private Store() {} }\n"
                + "//FILE test.Cache\n" + HEAD + "@Daemon class Cache { Cache() {} Cache(int i) {} }\n"
                + "//FILE test.App\n" + HEAD
                + "@Factory interface App { Store s(); Cache c(); }"));
  }

  static List<Program> names() {
    return List.of(
        wrong("package named like the generated class", null,
            "//FILE test.SteelmillApp.Thing\npackage test.SteelmillApp;\npublic class Thing {}\n"
                + "//FILE test.App\n" + HEAD + "@Factory interface App {}"),
        wrong("a user factory named like the generated class", null,
            "@Factory interface App {}\n@Factory interface SteelmillApp {}"),
        wrong("a nested class of a user class named like the generated one", null,
            "class Outer { @Factory interface App {} }\nclass Outer_App {}\n"
                + "@Factory interface Outer_App2 {}\n@Factory interface SteelmillOuter_App {}"),
        ok("dollar in the factory name", "@Factory interface App$One {}"),
        wrong("nested factory and a dollar factory", null,
            "class Outer { @Factory interface App {} }\n@Factory interface Outer$App {}"),
        wrong("underscore factory and nested factory in other files", null,
            "//FILE test.Outer_App\n" + HEAD + "@Factory interface Outer_App {}\n"
                + "//FILE test.Outer\n" + HEAD + "class Outer { @Factory interface App {} }"),
        ok("daemon named Creator used by a child",
            "@Daemon class Creator {}\n@Factory interface App {}\n"
                + "@Factory(parent = App.class) interface Lease { Creator c(); }"),
        wrong("daemon named like the child's generated class", ErrorCode.GeneratedNameTaken,
            "@Daemon class SteelmillLease {}\n@Factory interface App { SteelmillLease l(); }\n"
                + "@Factory(parent = App.class) interface Lease {}"),
        ok("daemon using a child's creator",
            "@Daemon class Boss { Boss(SteelmillLease.Creator c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface Lease {}"),
        wrong("entry point named create", ErrorCode.EntryPointNameClash, "@Daemon class Store {}\n"
            + "@Factory interface App { Store create(); }"),
        wrong("entry point named ambient", ErrorCode.EntryPointNameClash, "@Daemon class Store {}\n"
            + "@Factory interface App { Store ambient(); }"),
        ok("entry points named like Object's", "@Daemon class Store {}\n"
            + "@Factory interface App { Store hashcode(); Store wait2(); Store clone2(); }"),
        wrong("entry point named getClass", null, "@Daemon class Store {}\n"
            + "@Factory interface App { Store getClass2(); Class<?> getClass(); }"),
        wrong("entry point named toString returning a daemon", null, "@Daemon class Store {}\n"
            + "@Factory interface App { Store toString(); }"),
        ok("Object's methods redeclared are not entry points", "@Daemon class Store {}\n"
            + "@Factory interface App { String toString(); Store store(); int hashCode();"
            + " boolean equals(Object other); }"),
        ok("Object's methods redeclared by a superinterface", "@Daemon class Store {}\n"
            + "interface Described { String toString(); boolean equals(java.lang.Object o);"
            + " int hashCode(); }\n"
            + "@Factory interface App extends Described { Store store(); }"),
        wrong("equals with another parameter type is an entry point",
            ErrorCode.EntryPointHasParameters, "@Daemon class Store {}\n"
            + "@Factory interface App { Store store(); boolean equals(App other); }"),
        wrong("entry point named like a node method", null, "@Daemon class Store {}\n"
            + "@Factory interface App { Store start(); }"),
        wrong("entry point named close", null, "@Daemon class Store {}\n"
            + "@Factory interface App { Store close(); }"),
        wrong("entry point named name", null, "@Daemon class Store {}\n"
            + "@Factory interface App { Store name(); }"));
  }

  static List<Program> provides() {
    return List.of(
        wrong("provides returning void in a module apart", ErrorCode.ProvidesReturnsVoid,
            "//FILE test.Mod\n" + HEAD + "class Mod { @Provides static void v() {} }\n"
                + "//FILE test.App\n" + HEAD + "@Factory(modules = Mod.class) interface App {}"),
        wrong("provides returning Void", ErrorCode.ProvidesReturnsVoid,
            "@Factory interface App { Void v(); @Provides static Void v0() { return null; } }"),
        wrong("provides returning a wildcard list", null,
            "@Factory interface App { java.util.List<?> l();\n"
                + "  @Provides static java.util.List<?> l0() { return java.util.List.of(); } }"),
        wrong("provides returning an extends wildcard", null,
            "@Factory interface App { java.util.List<? extends Number> l();\n"
                + "  @Provides static java.util.List<? extends Number> l0() {"
                + " return java.util.List.of(); } }"),
        ok("provides returning a raw type",
            "@Factory interface App { java.util.List l();\n"
                + "  @Provides static java.util.List l0() { return java.util.List.of(); } }"),
        ok("provides of a two-dimensional array",
            "@Factory interface App { int[][] a();\n"
                + "  @Provides static int[][] a0() { return new int[0][]; } }"),
        wrong("provides returning a type variable", null,
            "class Mod<T> { @Provides static <T> T t() { return null; } }\n"
                + "@Factory(modules = Mod.class) interface App {}"),
        wrong("provides returning an array of a type variable", null,
            "class Mod { @Provides static <T> T[] t() { return null; } }\n"
                + "@Factory(modules = Mod.class) interface App {}"),
        wrong("provides with a generic parameter list", null,
            "class Mod { @Provides static <T extends Number> String t(T n) { return \"\"; } }\n"
                + "@Factory(modules = Mod.class) interface App { String s(); }"),
        wrong("provides on a constructor-like abstract module method", null,
            "abstract class Mod { @Provides abstract String s(); }\n"
                + "@Factory(modules = Mod.class) interface App { String s(); }"),
        wrong("provides in an inner class of a module", null,
            "class Mod { class In { @Provides String s() { return \"\"; } } }\n"
                + "@Factory(modules = Mod.class) interface App { String s(); }"),
        wrong("provides in a private nested module", null,
            "class Outer { private static class Mod { @Provides static String s() { return \"\"; }"
                + " } \n @Factory(modules = Mod.class) interface App { String s(); } }"),
        wrong("provides of an intersection through a generic method", null,
            "class Mod { @Provides static <T extends Number & Comparable<T>> T t() { return null;"
                + " } }\n@Factory(modules = Mod.class) interface App {}"),
        wrong("provides of a wildcard provider", null,
            "@Factory interface App { String s();\n"
                + "  @Provides static Provider<?> p() { return null; } }"),
        wrong("provides of a provider", null,
            "@Factory interface App { String s();\n"
                + "  @Provides static Provider<String> p() { return null; } }"),
        wrong("provides of a primitive, requested boxed twice, null from boxed", null,
            "@Factory interface App { Integer i(); int j();\n"
                + "  @Provides static int i0() { return 1; }\n"
                + "  @Provides static Integer i1() { return 2; } }"));
  }

  static List<Program> injected() {
    return List.of(
        wrong("injected int", ErrorCode.TypeNotInjectable,
            "@Factory(injected = int.class) interface App {}"),
        wrong("injected void", ErrorCode.TypeNotInjectable,
            "@Factory(injected = void.class) interface App {}"),
        wrong("injected Void", ErrorCode.TypeNotInjectable, "@Factory(injected = Void.class) interface App {}"),
        wrong("injected array", ErrorCode.TypeNotInjectable, "@Factory(injected = String[].class) interface App { String[] a(); }"),
        wrong("injected int array and int", null,
            "@Factory(injected = {int[].class, int.class, boolean.class}) interface App {}"),
        wrong("injected in another file with primitives", null,
            "//FILE test.App\n" + HEAD + "@Factory(injected = {long.class, double.class})"
                + " interface App {}\n//FILE test.Store\n" + HEAD
                + "@Daemon class Store { private Store() {} }"),
        wrong("injected a provider", ErrorCode.TypeNotInjectable,
            "@Factory(injected = Provider.class) interface App {}"),
        ok("injected into a child, shadowing a daemon of the parent",
            "@Daemon class Store {}\n@Factory interface App { Store s(); }\n"
                + "@Factory(parent = App.class, injected = Store.class) interface Lease {}"),
        ok("injected into a child, shadowing a provides of its parent",
            "@Factory interface App { String s(); @Provides static String s0() { return \"\"; } }\n"
                + "@Factory(parent = App.class, injected = String.class) interface Lease {}"),
        wrong("injected and provided", null,
            "@Factory(injected = String.class) interface App { String s();"
                + " @Provides static String s0() { return \"\"; } }"),
        ok("injected twice", "@Factory(injected = {String.class, String.class}) interface App {"
            + " String s(); }"),
        wrong("injected a parameterized provider's raw class in a child",
            ErrorCode.TypeNotInjectable,
            "@Factory interface App {}\n"
                + "@Factory(parent = App.class, injected = Provider.class) interface Lease {}"),
        wrong("injected void box next to a good type", ErrorCode.TypeNotInjectable,
            "@Factory(injected = {String.class, Void.class}) interface App { String s(); }"));
  }

  static List<Program> entryPoints() {
    return List.of(
        wrong("generic entry point <T> T", null, "@Factory interface App { <T> T t(); }"),
        wrong("generic entry point returning a list", null,
            "@Factory interface App { <T> java.util.List<T> t(); }"),
        ok("static method on the factory", "@Daemon class Store {}\n"
            + "@Factory interface App { static Store make() { return null; } Store s(); }"),
        ok("default method on the factory", "@Daemon class Store {}\n"
            + "@Factory interface App { default Store make() { return s(); } Store s(); }"),
        wrong("void entry point", null, "@Factory interface App { void go(); }"),
        wrong("void entry point apart", null,
            "//FILE test.Base\n" + HEAD + "interface Base { void go(); }\n"
                + "//FILE test.App\n" + HEAD + "@Factory interface App extends Base {}"),
        wrong("entry point with parameters apart", null,
            "//FILE test.Base\n" + HEAD + "@Daemon class Store {}\ninterface Base { Store s(int i); }\n"
                + "//FILE test.App\n" + HEAD + "@Factory interface App extends Base {}"),
        wrong("overload from two interfaces", null,
            "@Daemon class Store {}\ninterface A { Store s(); }\ninterface B { Store s(String x); }\n"
                + "@Factory interface App extends A, B {}"),
        ok("covariant redeclaration of a method from two interfaces",
            "@Daemon class Store {}\n@Daemon class Cache {}\ninterface A { Object s(); }\n"
                + "interface B { Store s(); }\ninterface C { Object s(); }\n"
                + "@Factory interface App extends A, C { Cache s(); }"),
        ok("same method from two interfaces and a default", "@Daemon class Store {}\n"
            + "interface A { Store s(); }\ninterface B { Store s(); }\n"
            + "@Factory interface App extends A, B {}"),
        ok("entry point throwing a checked exception", "@Daemon class Store {}\n"
            + "@Factory interface App { Store s() throws Exception; }"),
        wrong("entry point of a wildcard generic daemon", null,
            "@Daemon class Store {}\n@Factory interface App { Provider<? extends Store> s(); }"),
        wrong("entry point of an array of daemons", null,
            "@Daemon class Store {}\n@Factory interface App { Store[] s(); }"),
        ok("entry point generic in a generic interface",
            "@Daemon class Store {}\ninterface Base<T> { T get(); }\n"
                + "@Factory interface App extends Base<Store> { }"),
        wrong("entry point from a raw generic interface", null,
            "interface Base<T> { T get(); }\n@Factory interface App extends Base { }"),
        wrong("factory generic interface", null, "@Factory interface App<T> { T get(); }"),
        wrong("entry point of the parent from a child", null,
            "@Factory interface App { }\n@Factory(parent = App.class) interface Lease { App a(); }"),
        wrong("entry point of a child's generated class", null,
            "@Factory interface App { }\n@Factory(parent = App.class) interface Lease { }\n"
                + "@Factory interface Other { SteelmillLease l(); }"),
        wrong("entry point in a sealed factory", ErrorCode.TypeNotInjectable,
            "@Daemon final class Store {}\n@Factory sealed interface App permits X { Store s(); }\n"
                + "final class X implements App { public Store s() { return null; } }"),
        wrong("sealed child factory apart", ErrorCode.TypeNotInjectable,
            "//FILE test.App\n" + HEAD + "@Factory interface App {}\n"
                + "//FILE test.Lease\n" + HEAD + "@Factory(parent = App.class) sealed interface"
                + " Lease permits Lease.X { final class X implements Lease {} }"),
        ok("non-sealed factory extending a sealed interface",
            "sealed interface Base permits App {}\n@Factory non-sealed interface App extends"
                + " Base {}"));
  }

  static List<Program> ambient() {
    return List.of(
        wrong("ambient on a record without daemon", ErrorCode.AmbientWithoutDaemon,
            "@Ambient record Pool() {}\n@Factory interface App {}"),
        wrong("ambient on an enum", null, "@Ambient enum Pool { A }\n@Factory interface App {}"),
        wrong("ambient on a provides method", null,
            "@Factory interface App { String s(); @Ambient @Provides static String s0() {"
                + " return \"\"; } }"),
        wrong("ambient on a method", null,
            "class Util { @Ambient static void go() {} }\n@Factory interface App {}"),
        wrong("ambient on a module", null,
            "@Ambient class Mod { @Provides static String s() { return \"\"; } }\n"
                + "@Factory(modules = Mod.class) interface App { String s(); }"),
        wrong("ambient daemon needing a per-node daemon apart", ErrorCode.AmbientDependsOnNode,
            "//FILE test.Pool\n" + HEAD + "@Ambient @Daemon class Pool { Pool(Disk d) {} }\n"
                + "//FILE test.Disk\n" + HEAD + "@Daemon class Disk {}\n"
                + "//FILE test.App\n" + HEAD + "@Factory interface App { Pool pool(); }"),
        ok("ambient daemon needing an injected type",
            "@Ambient @Daemon class Pool { Pool(String s) {} }\n"
                + "@Factory(injected = String.class) interface App { Pool pool(); }"),
        wrong("ambient daemon with a private constructor apart", null,
            "//FILE test.Pool\n" + HEAD + "@Ambient @Daemon class Pool { private Pool() {} }\n"
                + "//FILE test.App\n" + HEAD + "@Factory interface App { Pool pool(); }"),
        ok("ambient daemon never requested, with a private constructor elsewhere",
            "@Ambient @Daemon class Pool {}\n@Factory interface App {}"),
        wrong("ambient daemon needing a child-only binding", null,
            "@Ambient @Daemon class Pool { Pool(Store s) {} }\n@Daemon class Store {}\n"
                + "@Factory interface App {}\n"
                + "@Factory(parent = App.class) interface Lease { Pool p(); Store s(); }"));
  }

  static List<Program> severalFiles() {
    return List.of(
        ok("grandchild takes a daemon its grandparent's graph holds",
            "@Daemon class Root { Root(String s) {} }\n"
                + "@Factory(injected = String.class) interface App { Root root(); }\n"
                + "@Factory(parent = App.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Root root(); }"),
        ok("great-grandchild takes an ambient daemon",
            "@Ambient @Daemon class Pool {}\n@Factory interface App { Pool pool(); }\n"
                + "@Factory(parent = App.class) interface A {}\n"
                + "@Factory(parent = A.class) interface B {}\n"
                + "@Factory(parent = B.class) interface C { Pool pool(); }"),
        ok("grandchild needs a type its grandparent injects but never uses: it resolves there",
            "@Daemon class Root { Root(String s) {} }\n"
                + "@Factory(injected = String.class) interface App {}\n"
                + "@Factory(parent = App.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Root root(); }"),
        wrong("five mistakes in five files", null,
            "//FILE test.A\n" + HEAD + "@Daemon class A { private A() {} }\n"
                + "//FILE test.B\n" + HEAD + "@Daemon class B { B(Missing1 m) {} }\n"
                + "//FILE test.Missing1\n" + HEAD + "interface Missing1 {}\n"
                + "//FILE test.C\n" + HEAD + "@Daemon class C { C(D d) {} }\n"
                + "//FILE test.D\n" + HEAD + "@Daemon class D { D(C c) {} }\n"
                + "//FILE test.App\n" + HEAD
                + "@Factory(injected = int.class) interface App { A a(); B b(); C c(); void v(); }"),
        wrong("mistakes in two factories in two files", null,
            "//FILE test.App\n" + HEAD + "@Daemon class Store { Store(Unbound u) {} }\n"
                + "interface Unbound {}\n@Factory interface App { Store s(); }\n"
                + "//FILE test.Other\n" + HEAD + "@Factory interface Other { Store s(int x); }"),
        wrong("a parent with a mistake and a good child in another file", null,
            "//FILE test.App\n" + HEAD + "@Daemon class Store { private Store() {} }\n"
                + "@Factory interface App { Store s(); }\n"
                + "//FILE test.Lease\n" + HEAD + "@Daemon class Work {}\n"
                + "@Factory(parent = App.class) interface Lease { Work w(); }"),
        wrong("a good parent and a child with a mistake in another file", null,
            "//FILE test.App\n" + HEAD + "@Daemon class Store {}\n"
                + "@Factory interface App { Store s(); }\n"
                + "//FILE test.Lease\n" + HEAD + "@Daemon class Work { private Work() {} }\n"
                + "@Factory(parent = App.class) interface Lease { Work w(); }\n"
                + "//FILE test.Boss\n" + HEAD
                + "@Daemon class Boss { Boss(SteelmillLease.Creator c) {} }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void neverCrashesAndNeverAcceptsAMistake(Program program) {
    new HostileInputMoreTest().neverCrashesAndNeverAcceptsAMistake(program);
  }

  /** Clashes that only a simulation build has: its harness class {@code Steelmill<F>Sim}. */
  static Stream<Program> simulationPrograms() {
    return Stream.of(
        wrong("a factory named like another factory's harness", ErrorCode.GeneratedNameTaken,
            "@Factory interface App {}\n@Factory interface AppSim {}"),
        wrong("harness name taken by a package", ErrorCode.GeneratedNameTaken,
            "//FILE test.SteelmillAppSim.Thing\npackage test.SteelmillAppSim;\n"
                + "public class Thing {}\n//FILE test.App\n" + HEAD
                + "@Factory interface App {}"),
        wrong("harness name taken by a nested factory", ErrorCode.GeneratedNameTaken,
            "class Outer { @Factory interface AppSim {} }\n"
                + "@Factory interface Outer_App {}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulationPrograms")
  void simulationClashesAreDiagnostics(Program program) {
    List<JavaFileObject> files = HostileInputMoreTest.files(program.text());
    Compilation compilation =
        Compiler.compile(
            List.of("-Asteelmill.mode=simulation"), files.toArray(JavaFileObject[]::new));
    List<String> messages = HostileInputTest.messages(compilation);
    assertThat(messages).as(program + ": " + messages)
        .noneMatch(m -> m.contains("ProcessorCrash"))
        .anyMatch(m -> m.startsWith(program.code().tag()) && m.contains("\nFix: "));
    Set<String> users = files.stream().map(f -> f.toUri().toString()).collect(Collectors.toSet());
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertThat(error.getSource()).as(program + ": " + error).isNotNull();
      assertThat(users).as(program + ": " + error).contains(error.getSource().toUri().toString());
    }
  }
}
