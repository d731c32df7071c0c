package io.steelmill.processor;

import static io.steelmill.processor.Compiler.source;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * More programs as a hostile user writes them: annotations on the wrong kind of element, odd
 * keys and qualifiers, strange factory hierarchies, mode annotations that mean nothing, names
 * that clash with the generated code. Each program either builds a working factory (it is legal)
 * or fails with Steelmill's error on a line of the user's own files, with a {@code Fix:}; never a
 * {@code ProcessorCrash}, an exception out of javac, or an error inside generated code.
 */
class HostileInputMoreTest {
  private static final String HEAD = "package test;\nimport io.steelmill.*;\n"
      + "import io.steelmill.runtime.Provider;\n";

  /** One program: files separated by lines {@code //FILE pkg.Name}, and what must happen. */
  record Program(String name, ErrorCode code, boolean legal, String text) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Program ok(String name, String text) {
    return new Program(name, null, true, text);
  }

  /** A mistake Steelmill must report with {@code code}. */
  private static Program wrong(String name, ErrorCode code, String text) {
    return new Program(name, code, false, text);
  }

  /** A mistake javac itself rejects: Steelmill must only stay quiet and not crash. */
  private static Program javacRejects(String name, String text) {
    return new Program(name, null, false, text);
  }

  static Stream<Program> programs() {
    return Stream.of(wrongElementKinds(), providesShapes(), keysAndQualifiers(), hierarchies(),
            modes(), names(), missingTypes(), more())
        .flatMap(List::stream);
  }

  static List<Program> wrongElementKinds() {
    return List.of(
        wrong("daemon on an interface", ErrorCode.DaemonNotConstructible,
            "@Daemon interface Store {}\n@Factory interface App { Store store(); }"),
        wrong("daemon on an annotation type", ErrorCode.DaemonNotConstructible,
            "@Daemon @interface Store {}\n@Factory interface App {}"),
        wrong("daemon on an unused interface", ErrorCode.DaemonNotConstructible,
            "@Daemon interface Store {}\n@Factory interface App {}"),
        javacRejects("daemon on an enum constant",
            "enum Kind { @Daemon ONE }\n@Factory interface App {}"),
        wrong("daemon on an inner class", ErrorCode.DaemonNotConstructible,
            "class Outer { @Daemon class Store {} }\n@Factory interface App { Outer.Store s(); }"),
        ok("record daemon", "@Daemon record Store(Clock clock) {}\n@Daemon class Clock {}\n"
            + "@Factory interface App { Store store(); }"),
        ok("daemon implementing a sealed interface",
            "sealed interface Shape permits Store {}\n@Daemon final class Store implements"
                + " Shape {}\n"
                + "@Factory interface App { Store store(); }"),
        wrong("generic daemon requested raw", ErrorCode.DaemonNotConstructible,
            "@Daemon class Box<T> {}\n@Factory interface App { Box box(); }"),
        wrong("generic daemon requested parameterized", null,
            "@Daemon class Box<T> {}\n@Factory interface App { Box<String> box(); }"),
        wrong("private nested daemon", ErrorCode.TypeNotVisible,
            "class Outer {\n  @Daemon private static class Hidden { Hidden() {} }\n"
                + "  @Daemon static class Store { Store(Hidden h) {} }\n}\n"
                + "@Factory interface App { Outer.Store store(); }"),
        wrong("factory on a class", ErrorCode.FactoryNotInterface,
            "@Factory class App {}"),
        wrong("factory on an enum", ErrorCode.FactoryNotInterface, "@Factory enum App { A }"),
        wrong("factory on an annotation type", ErrorCode.FactoryNotInterface,
            "@Factory @interface App {}"),
        wrong("factory on a record", ErrorCode.FactoryNotInterface, "@Factory record App() {}"),
        wrong("ambient on a class without daemon", ErrorCode.AmbientWithoutDaemon,
            "@Ambient class Pool {}\n@Factory interface App {}"),
        wrong("ambient on a factory", ErrorCode.AmbientWithoutDaemon,
            "@Ambient @Factory interface App {}"),
        wrong("daemon on a factory", ErrorCode.DaemonNotConstructible,
            "@Daemon @Factory interface App {}"),
        ok("daemon whose constructor throws a checked exception",
            "@Daemon class Store { Store() throws Exception {} }\n"
                + "@Factory interface App { Store store(); }"),
        ok("daemon whose constructor throws an unchecked exception",
            "@Daemon class Store { Store() throws IllegalStateException {} }\n"
                + "@Factory interface App { Store store(); }"),
        ok("daemon with a varargs constructor given an array",
            "@Daemon class Clock {}\n@Daemon class Store { Store(Clock... clocks) {} }\n"
                + "@Factory interface App { Store store();\n"
                + "  @Provides static Clock[] clocks(Clock c) { return new Clock[] {c}; } }"));
  }

  static List<Program> providesShapes() {
    return List.of(
        wrong("provides on a default method", ErrorCode.ProvidesNotStatic,
            "@Factory interface App { String s(); @Provides default String make() { return"
                + " \"\"; } }"),
        wrong("provides on an abstract method", ErrorCode.ProvidesNotStatic,
            "@Factory interface App { @Provides String s(); }"),
        wrong("provides on a private static interface method", ErrorCode.TypeNotVisible,
            "@Factory interface App { String s();\n"
                + "  @Provides private static String make() { return \"\"; } }"),
        wrong("provides on a private static module method", ErrorCode.TypeNotVisible,
            "class Module { @Provides private static String make() { return \"\"; } }\n"
                + "@Factory(modules = Module.class) interface App { String s(); }"),
        ok("provides throwing a checked exception",
            "@Factory interface App { String s();\n"
                + "  @Provides static String make() throws Exception { return \"\"; } }"),
        ok("provides throwing an unchecked exception",
            "@Factory interface App { String s();\n"
                + "  @Provides static String make() throws RuntimeException { return \"\"; } }"),
        wrong("provides with varargs and no array binding", ErrorCode.MissingBinding,
            "@Factory interface App { String s();\n"
                + "  @Provides static String make(Integer... parts) { return \"\"; } }"),
        ok("provides of an array",
            "@Factory interface App { String[] names();\n"
                + "  @Provides static String[] make() { return new String[] {\"a\"}; } }"),
        ok("provides of a primitive array",
            "@Daemon class Store { Store(int[] ports) {} }\n"
                + "@Factory interface App { Store store();\n"
                + "  @Provides static int[] ports() { return new int[] {1}; } }"),
        wrong("provides in an unlisted module", ErrorCode.ProvidesNotListed,
            "class Module { @Provides static String make() { return \"\"; } }\n"
                + "@Factory interface App {}"),
        wrong("instance provides in a listed module", ErrorCode.ProvidesNotStatic,
            "class Module { @Provides String make() { return \"\"; } }\n"
                + "@Factory(modules = Module.class) interface App { String s(); }"),
        wrong("module that is a primitive", ErrorCode.TypeNotInjectable,
            "@Factory(modules = int.class) interface App {}"),
        wrong("module that is an array", ErrorCode.TypeNotInjectable,
            "@Factory(modules = String[].class) interface App {}"),
        ok("module listed twice",
            "class Module { @Provides static String make() { return \"\"; } }\n"
                + "@Factory(modules = {Module.class, Module.class}) interface App { String s(); }"),
        ok("factory listing itself as a module",
            "@Factory(modules = App.class) interface App { String s();\n"
                + "  @Provides static String make() { return \"\"; } }"),
        ok("injected listed twice",
            "@Factory(injected = {String.class, String.class}) interface App { String s(); }"),
        wrong("injected type that is also a daemon", ErrorCode.DuplicateBinding,
            "@Daemon class Store {}\n@Factory(injected = Store.class) interface App { Store"
                + " s(); }"),
        wrong("two provides of one key", ErrorCode.DuplicateBinding,
            "@Factory interface App { String s();\n"
                + "  @Provides static String a() { return \"\"; }\n"
                + "  @Provides static String b() { return \"\"; } }"),
        wrong("provides depending on itself", ErrorCode.DependencyCycle,
            "@Factory interface App { String s();\n"
                + "  @Provides static String a(String s) { return s; } }"),
        wrong("provides marked with both modes", ErrorCode.BothModes,
            "@Factory interface App { String s();\n"
                + "  @Production @Simulation @Provides static String a() { return \"\"; } }"),
        ok("provides in a module interface",
            "interface Module { @Provides static String make() { return \"\"; } }\n"
                + "@Factory(modules = Module.class) interface App { String s(); }"),
        ok("provides in an enum module",
            "enum Module { ; @Provides static String make() { return \"\"; } }\n"
                + "@Factory(modules = Module.class) interface App { String s(); }"));
  }

  static List<Program> keysAndQualifiers() {
    String port = "@Qualifier @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy"
        + ".RUNTIME) @interface Port { int value(); }\n";
    return List.of(
        ok("boxed provides, primitive request",
            "@Daemon class Store { Store(int port) {} }\n@Factory interface App { Store store();\n"
                + "  @Provides static Integer port() { return 1; } }"),
        ok("primitive provides, boxed entry point",
            "@Factory interface App { Integer port(); @Provides static int make() { return 1; } }"),
        wrong("primitive provides and boxed provides", ErrorCode.DuplicateBinding,
            "@Factory interface App { Integer port();\n"
                + "  @Provides static int a() { return 1; }\n"
                + "  @Provides static Integer b() { return 2; } }"),
        wrong("provider of a missing type", ErrorCode.MissingBinding,
            "class Disk {}\n@Daemon class Store { Store(Provider<Disk> disk) {} }\n"
                + "@Factory interface App { Store store(); }"),
        wrong("provider of a provider", null,
            "@Daemon class Disk {}\n@Daemon class Store { Store(Provider<Provider<Disk>> d) {} }\n"
                + "@Factory interface App { Store store(); }"),
        wrong("raw provider", null,
            "@Daemon class Disk {}\n@Daemon class Store { Store(Provider d) {} }\n"
                + "@Factory interface App { Store store(); }"),
        wrong("daemon depending on itself", ErrorCode.DependencyCycle,
            "@Daemon class Store { Store(Store self) {} }\n@Factory interface App { Store"
                + " store(); }"),
        ok("cycle broken by a provider",
            "@Daemon class A { A(Provider<B> b) {} }\n@Daemon class B { B(A a) {} }\n"
                + "@Factory interface App { A a(); B b(); }"),
        ok("self dependency through a provider",
            "@Daemon class A { A(Provider<A> self) {} }\n@Factory interface App { A a(); }"),
        ok("entry point returning a provider",
            "@Daemon class A {}\n@Factory interface App { Provider<A> a(); }"),
        ok("qualifier with an int member", port
            + "@Daemon class Store { Store(@Port(1) int a, @Port(2) int b) {} }\n"
            + "@Factory interface App { Store store();\n"
            + "  @Provides @Port(1) static int one() { return 1; }\n"
            + "  @Provides @Port(2) static int two() { return 2; } }"),
        ok("empty named qualifier",
            "@Factory interface App { @Named(\"\") String s();\n"
                + "  @Provides @Named(\"\") static String make() { return \"\"; } }"),
        ok("named with quotes and unicode",
            "@Factory interface App { @Named(\"a\\\"b\u00e9\") String s();\n"
                + "  @Provides @Named(\"a\\\"b\u00e9\") static String make() { return \"\"; } }"),
        wrong("two qualifiers on one parameter", ErrorCode.TypeNotInjectable,
            port + "@Daemon class Store { Store(@Named(\"a\") @Port(1) String s) {} }\n"
                + "@Factory interface App { Store store();\n"
                + "  @Provides @Named(\"a\") static String a() { return \"\"; } }"),
        wrong("two qualifiers on a provides method", ErrorCode.TypeNotInjectable,
            port + "@Factory interface App { @Named(\"a\") String s();\n"
                + "  @Provides @Named(\"a\") @Port(1) static String a() { return \"\"; } }"),
        wrong("qualified request of a daemon class", ErrorCode.MissingBinding,
            "@Daemon class Store {}\n@Factory interface App { @Named(\"x\") Store store(); }"),
        ok("qualifier default equals the explicit value",
            "@Qualifier @interface Tier { String value() default \"gold\"; }\n"
                + "@Factory interface App { @Tier String s();\n"
                + "  @Provides @Tier(\"gold\") static String make() { return \"\"; } }"),
        wrong("wildcard in a provides parameter", ErrorCode.TypeNotInjectable,
            "@Factory interface App { String s();\n"
                + "  @Provides static String a(java.util.List<?> l) { return \"\"; } }"),
        ok("generic keys with the same simple name",
            "@Factory interface App { java.util.List<String> a(); java.util.List<Integer> b();\n"
                + "  @Provides static java.util.List<String> x() { return java.util.List.of(); }\n"
                + "  @Provides static java.util.List<Integer> y() { return java.util.List.of();"
                + " } }"));
  }

  static List<Program> hierarchies() {
    return List.of(
        wrong("parent cycle of two factories", ErrorCode.ParentNotFactory,
            "@Daemon class Store {}\n@Factory(parent = B.class) interface A { Store s(); }\n"
                + "@Factory(parent = A.class) interface B {}"),
        wrong("parent cycle of three factories", ErrorCode.ParentNotFactory,
            "@Factory(parent = C.class) interface A {}\n@Factory(parent = A.class) interface B {}\n"
                + "@Factory(parent = B.class) interface C {}"),
        wrong("parent is itself", ErrorCode.ParentNotFactory,
            "@Factory(parent = A.class) interface A {}"),
        wrong("parent is a plain interface", ErrorCode.ParentNotFactory,
            "interface Host {}\n@Factory(parent = Host.class) interface A {}"),
        wrong("parent is a primitive", ErrorCode.ParentNotFactory,
            "@Factory(parent = int.class) interface A {}"),
        wrong("parent is a factory annotated class", ErrorCode.FactoryNotInterface,
            "@Factory class Host {}\n@Factory(parent = Host.class) interface A {}"),
        ok("child nested in a generic class",
            "@Daemon class Store {}\nclass Outer<T> { @Factory interface App { Store store(); } }"),
        ok("factory with default and static methods",
            "@Daemon class Store {}\n@Factory interface App { Store store();\n"
                + "  default String label() { return \"x\"; } static int two() { return 2; } }"),
        wrong("entry point with a parameter", ErrorCode.EntryPointHasParameters,
            "@Daemon class Store {}\n@Factory interface App { Store store(String name); }"),
        wrong("overloaded entry points", ErrorCode.EntryPointHasParameters,
            "@Daemon class Store {}\n@Factory interface App { Store store(); Store store(int"
                + " i); }"),
        wrong("generic entry point", ErrorCode.EntryPointHasParameters,
            "@Factory interface App { <T> T any(); }"),
        javacRejects("inherited entry points with incompatible return types",
            "@Daemon class Store {}\n@Daemon class Disk {}\ninterface A { Store x(); }\n"
                + "interface B { Disk x(); }\n@Factory interface App extends A, B {}"),
        ok("inherited entry points with covariant return types",
            "class Base {}\n@Daemon class Store extends Base {}\ninterface A { Base x(); }\n"
                + "interface B { Store x(); }\n@Factory interface App extends A, B {}"),
        ok("inherited entry point redeclared covariantly",
            "class Base {}\n@Daemon class Store extends Base {}\ninterface A { Base x(); }\n"
                + "@Factory interface App extends A { Store x(); }"),
        ok("factory extending another factory",
            "@Daemon class Store {}\n@Daemon class Disk {}\n@Factory interface Base { Store"
                + " store(); }\n"
                + "@Factory interface App extends Base { Disk disk(); }"),
        ok("same entry point from two superinterfaces",
            "@Daemon class Store {}\ninterface A { Store s(); }\ninterface B { Store s(); }\n"
                + "@Factory interface App extends A, B {}"),
        wrong("entry point named like a node method", ErrorCode.EntryPointNameClash,
            "@Daemon class Store {}\n@Factory interface App { Store start(); }"),
        wrong("entry point inherited from a non-factory with parameters",
            ErrorCode.EntryPointHasParameters,
            "@Daemon class Store {}\ninterface A { Store s(int i); }\n@Factory interface App"
                + " extends A {}"),
        wrong("child with parent in another package", ErrorCode.ChildOutsidePackage,
            "//FILE test.Store\npackage test;\n@io.steelmill.Daemon public class Store {}\n"
                + "//FILE test.Host\npackage test;\n"
                + "@io.steelmill.Factory public interface Host { Store store(); }\n"
                + "//FILE other.Lease\npackage other;\nimport io.steelmill.*;\n"
                + "@Daemon class Worker { Worker(test.Store s) {} }\n"
                + "@Factory(parent = test.Host.class) interface Lease { Worker worker(); }"),
        wrong("child of a parent with an unusable daemon", ErrorCode.NoUsableConstructor,
            "@Daemon class Store { private Store() {} }\n@Daemon class Worker {}\n"
                + "@Factory interface Host { Store store(); }\n"
                + "@Factory(parent = Host.class) interface Lease { Worker worker(); }"));
  }

  static List<Program> modes() {
    return List.of(
        wrong("implementation that does not implement", ErrorCode.ImplementationMismatch,
            "@Production(Other.class) interface Disk {}\nclass Other {}\n"
                + "@Factory interface App { Disk disk(); }"),
        wrong("abstract implementation", ErrorCode.ImplementationNotConstructible,
            "@Production(Impl.class) interface Disk {}\nabstract class Impl implements Disk {}\n"
                + "@Factory interface App { Disk disk(); }"),
        wrong("implementation is the interface itself", ErrorCode.ImplementationNotConstructible,
            "@Production(Disk.class) interface Disk {}\n@Factory interface App { Disk disk(); }"),
        wrong("implementation is a sub-interface", ErrorCode.ImplementationNotConstructible,
            "@Production(Sub.class) interface Disk {}\ninterface Sub extends Disk {}\n"
                + "@Factory interface App { Disk disk(); }"),
        wrong("implementation is an enum", ErrorCode.ImplementationNotConstructible,
            "@Production(Impl.class) interface Disk {}\nenum Impl implements Disk { A }\n"
                + "@Factory interface App { Disk disk(); }"),
        wrong("implementation has two constructors", ErrorCode.ImplementationNotConstructible,
            "@Production(Impl.class) interface Disk {}\n"
                + "class Impl implements Disk { Impl() {} Impl(int i) {} }\n"
                + "@Factory interface App { Disk disk(); }"),
        wrong("production only, simulation missing", ErrorCode.ModeOnlyBinding,
            "@Production(Impl.class) interface Disk {}\nclass Impl implements Disk {}\n"
                + "@Factory interface App { Disk disk(); }"),
        ok("one implementation per mode",
            "@Production(Real.class) @Simulation(Fake.class) interface Disk {}\n"
                + "class Real implements Disk {}\nclass Fake implements Disk {}\n"
                + "@Factory interface App { Disk disk(); }"),
        ok("same implementation in both modes",
            "@Production(Real.class) @Simulation(Real.class) interface Disk {}\n"
                + "class Real implements Disk {}\n@Factory interface App { Disk disk(); }"),
        wrong("implementation that needs a missing binding", ErrorCode.MissingBinding,
            "@Production(Real.class) @Simulation(Real.class) interface Disk {}\n"
                + "class Real implements Disk { Real(StringBuilder b) {} }\n"
                + "@Factory interface App { Disk disk(); }"),
        wrong("both modes on a daemon", ErrorCode.BothModes,
            "@Production @Simulation @Daemon class Store {}\n@Factory interface App { Store"
                + " s(); }"),
        wrong("mode on a method that is not provides", ErrorCode.ModeWithoutEffect,
            "class Util { @Production static String name() { return \"\"; } }\n"
                + "@Factory interface App {}"),
        wrong("mode on an entry point", ErrorCode.ModeWithoutEffect,
            "@Daemon class Store {}\n@Factory interface App { @Simulation Store store(); }"),
        wrong("mode on a plain class", ErrorCode.ModeWithoutEffect,
            "@Simulation class Store {}\n@Factory interface App {}"),
        wrong("mode without implementation on an interface", ErrorCode.ModeWithoutEffect,
            "@Production interface Disk {}\n@Factory interface App {}"),
        wrong("mode on a factory", ErrorCode.ModeWithoutEffect,
            "@Simulation @Factory interface App {}"),
        wrong("value on a daemon's mode", ErrorCode.ModeValueMisplaced,
            "@Production(Store.class) @Daemon class Store {}\n@Factory interface App { Store"
                + " s(); }"));
  }

  static List<Program> names() {
    StringBuilder keywords = new StringBuilder();
    StringBuilder entries = new StringBuilder();
    for (String word : List.of("Switch", "Class", "New", "Int", "Default", "Return", "Package")) {
      keywords.append("@Daemon class ").append(word).append(" {}\n");
      entries.append(word).append(" a").append(word).append("(); ");
    }
    return List.of(
        ok("daemons named like keywords",
            keywords + "@Factory interface App { " + entries + "}"),
        ok("unicode names",
            "@Daemon class \u00dcber { \u00dcber(\u00c7a \u00e7a) {} }\n@Daemon class \u00c7a {}\n"
                + "@Factory interface \u00c4pp { \u00dcber \u00fcber(); }"),
        ok("dollar names",
            "@Daemon class Store$Impl {}\n@Factory interface App$ { Store$Impl $(); }"),
        ok("daemons shadowing java.lang and runtime names",
            "@Daemon class String {}\n@Daemon class Object {}\n@Daemon class Node {}\n"
                + "@Daemon class Memoized {}\n@Daemon class Override {}\n"
                + "@Factory interface App { String s(); Object o(); Node n(); Memoized m();"
                + " Override ov(); }"),
        ok("daemons with one simple name in two packages",
            "@Factory interface App { Store a(); other.Store b(); }\n"
                + "//FILE test.Store\npackage test;\n@io.steelmill.Daemon public class Store {}\n"
                + "//FILE other.Store\npackage other;\n@io.steelmill.Daemon public class Store {}"),
        ok("daemon named like a generated field",
            "@Daemon class Core {}\n@Daemon class Ambient2 {}\n@Daemon class ParentFactory {}\n"
                + "@Factory interface App { Core c(); ParentFactory p(); }"),
        ok("factory nested in a daemon",
            "@Daemon class Store { @Factory interface App { Store store(); } }"),
        ok("factory in the unnamed package",
            "//FILE App\n@io.steelmill.Daemon class Store {}\n"
                + "@io.steelmill.Factory interface App { Store store(); }"),
        ok("user package named like Steelmill's",
            "//FILE io.steelmill.runtime.user.App\npackage io.steelmill.runtime.user;\n"
                + "@io.steelmill.Daemon class Store {}\n"
                + "@io.steelmill.Factory interface App { Store store(); }"),
        ok("entry point named like a daemon accessor of the same key",
            "@Daemon class Store {}\n@Factory interface App { Store getStore(); }"),
        wrong("entry point named like another key's accessor", ErrorCode.EntryPointNameClash,
            "@Daemon class Store {}\n@Daemon class Disk {}\n"
                + "@Factory interface App { Disk getStore(); Store store(); }"),
        ok("a chain of 1500 daemons", chain(1500, false)),
        wrong("a cycle of 5000 daemons", ErrorCode.DependencyCycle, chain(5000, true)));
  }

  static List<Program> missingTypes() {
    return List.of(
        javacRejects("constructor parameter of an undefined type",
            "@Daemon class Store { Store(Missing m) {} }\n@Factory interface App { Store"
                + " store(); }"),
        javacRejects("provides returning an undefined type",
            "@Factory interface App { Missing m(); @Provides static Missing make() { return"
                + " null; } }"),
        javacRejects("module that is undefined",
            "@Factory(modules = Missing.class) interface App {}"),
        javacRejects("parent that is undefined",
            "@Factory(parent = Missing.class) interface App {}"),
        javacRejects("injected type that is undefined",
            "@Factory(injected = Missing.class) interface App {}"),
        javacRejects("implementation that is undefined",
            "@Production(Missing.class) interface Disk {}\n@Factory interface App { Disk d(); }"));
  }

  /** Daemons each needing the one before; with {@code closed}, the first needs the last. */
  static List<Program> more() {
    return List.of(
        ok("daemon named like the generated nested class",
            "@Daemon class Ambient {}\n@Daemon class Store { Store(Ambient a) {} }\n"
                + "@Factory interface App { Store store(); }"),
        ok("daemon named like the factory's generated class",
            "@Daemon class SteelmillHost {}\n@Factory interface App { SteelmillHost h(); }"),
        wrong("provides needing its own factory", ErrorCode.MissingBinding,
            "@Factory interface App { String s(); @Provides static String a(App app) { return"
                + " \"\"; } }"),
        wrong("provides in a nested class that no factory lists", ErrorCode.ProvidesNotListed,
            "@Factory interface App { class Inner { @Provides static String a() { return \"\";"
                + " } } }"),
        ok("provides in a generic module",
            "class Module<T> { @Provides static String a() { return \"\"; } }\n"
                + "@Factory(modules = Module.class) interface App { String s(); }"),
        ok("provides per mode for one key",
            "@Factory interface App { String s();\n"
                + "  @Production @Provides static String real() { return \"r\"; }\n"
                + "  @Simulation @Provides static String fake() { return \"f\"; } }"),
        wrong("daemon in both modes and a provides in one", ErrorCode.DuplicateBinding,
            "@Daemon class Store {}\n@Factory interface App { Store s();\n"
                + "  @Simulation @Provides static Store fake() { return new Store(); } }"),
        wrong("inject constructor private next to a public one", ErrorCode.NoUsableConstructor,
            "@Daemon class Store { @jakarta.inject.Inject private Store() {} public Store(int"
                + " i) {} }\n"
                + "@Factory interface App { Store s(); }"),
        wrong("two inject constructors", ErrorCode.AmbiguousConstructor,
            "@Daemon class Store { @jakarta.inject.Inject Store() {}"
                + " @jakarta.inject.Inject Store(String s) {} }\n@Factory interface App { Store"
                + " s(); }"),
        ok("daemon extending another daemon",
            "@Daemon class Base {}\n@Daemon class Store extends Base { Store(Base b) {} }\n"
                + "@Factory interface App { Store s(); Base b(); }"),
        wrong("ambient daemon needing a per-node daemon", ErrorCode.AmbientDependsOnNode,
            "@Daemon class Disk {}\n@Ambient @Daemon class Pool { Pool(Disk d) {} }\n"
                + "@Factory interface App { Pool pool(); }"),
        ok("raw injected type",
            "@Factory(injected = java.util.List.class) interface App { java.util.List list(); }"),
        wrong("entry point requesting the factory itself", ErrorCode.MissingBinding,
            "@Factory interface App { App self(); }"),
        wrong("named qualifier on a plain method", ErrorCode.QualifierWithoutEffect,
            "class Util { @Named(\"x\") static String name() { return \"\"; } }\n"
                + "@Factory interface App {}"),
        wrong("named qualifier on a field", ErrorCode.QualifierWithoutEffect,
            "@Daemon class Store { @Named(\"x\") String name; }\n"
                + "@Factory interface App { Store s(); }"),
        wrong("named qualifier on a plain method's parameter", ErrorCode.QualifierWithoutEffect,
            "class Util { static void use(@Named(\"x\") String s) {} }\n@Factory interface App {}"),
        ok("ambient daemon requested only by a child: the ambient factory owns it",
            "@Ambient @Daemon class Pool {}\n@Factory interface Host {}\n"
                + "@Factory(parent = Host.class) interface Lease { Pool pool(); }"),
        ok("qualified parameter of a provides method",
            "@Factory interface App { String s();\n"
                + "  @Provides @Named(\"a\") static String a() { return \"a\"; }\n"
                + "  @Provides static String s(@Named(\"a\") String a) { return a; } }"));
  }

  private static String chain(int length, boolean closed) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      String previous = i > 0 ? "D" + (i - 1) + " p" : closed ? "D" + (length - 1) + " p" : "";
      text.append("@Daemon class D").append(i).append(" { D").append(i).append("(")
          .append(previous).append(") {} }\n");
    }
    return text.append("@Factory interface App { D").append(length - 1).append(" last(); }")
        .toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void neverCrashesAndNeverAcceptsAMistake(Program program) {
    List<JavaFileObject> files = files(program.text());
    for (List<String> options :
        List.of(List.<String>of(), List.of("-Asteelmill.mode=simulation"))) {
      Compilation compilation;
      try {
        compilation =
            Compiler.compile(
                new Processor[] {new SteelmillProcessor()}, options,
                files.toArray(JavaFileObject[]::new));
      } catch (RuntimeException escaped) {
        throw new AssertionError(program + ": an exception escaped javac " + options, escaped);
      }
      RedTeam12cHostileTest.assertUsersLines(program, files, options, compilation);
    }
  }

  /** The files of a program: {@code test.App} unless a line {@code //FILE name} starts one. */
  static List<JavaFileObject> files(String text) {
    List<JavaFileObject> files = new ArrayList<>();
    String name = "test.App";
    StringBuilder body = new StringBuilder(text.startsWith("//FILE") ? "" : HEAD);
    for (String line : text.split("\n")) {
      if (line.startsWith("//FILE ")) {
        if (!body.isEmpty()) {
          files.add(source(name, body.toString()));
        }
        name = line.substring(7).trim();
        body = new StringBuilder();
        continue;
      }
      body.append(line).append('\n');
    }
    files.add(source(name, body.toString()));
    return files;
  }
}
