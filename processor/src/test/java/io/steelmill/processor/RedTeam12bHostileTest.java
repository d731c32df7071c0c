package io.steelmill.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.HostileInputMoreTest.Program;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A red team's battery (redteam12b) of hostile programs earlier batteries missed, each compiled in
 * both modes: generics (wildcards, raw and nested keys, type variables, arrays, primitives and
 * their boxes), qualifiers with odd strings and members, inheritance (abstract daemons, default
 * methods implementing inherited entry points, covariant and generic returns, overloads),
 * daemon shapes (records, enums, nested, local), names (unicode, {@code $}, user classes named
 * like {@code String}, {@code Override}, {@code io}, {@code java} or the runtime's classes,
 * packages named by contextual keywords), missing types everywhere, modules of every odd shape,
 * and other processors in the same compilation (an error of theirs, a factory or a daemon they
 * generate, a generated name they take). Programs that compile are run: every entry point of
 * every node returns an instance.
 */
class RedTeam12bHostileTest {
  private static Program ok(String name, String text) {
    return new Program(name, null, true, text);
  }

  private static Program wrong(String name, ErrorCode code, String text) {
    return new Program(name, code, false, text);
  }

  static Stream<Program> programs() {
    return Stream.of(generics(), qualifiers(), inheritance(), shapes(), names(), references(),
            memberTypes(), modesAndChildren())
        .flatMap(List::stream);
  }

  static List<Program> generics() {
    return List.of(
        wrong("wildcard key", ErrorCode.TypeNotInjectable, "@Factory interface App { java.util.List<? extends Number> l();\n"
            + "  @Provides static java.util.List<? extends Number> m() { return java.util.List.of(1); } }"),
        wrong("unbounded wildcard key in a daemon", ErrorCode.TypeNotInjectable, "@Daemon class S { S(java.util.List<?> l) {} }\n"
            + "@Factory interface App { S s();\n"
            + "  @Provides static java.util.List<?> m() { return java.util.List.of(1); } }"),
        wrong("generic provides method", ErrorCode.TypeNotInjectable,
            "@Factory interface App { java.util.List<String> l();\n"
            + "  @Provides static <T> java.util.List<T> m() { return java.util.List.of(); } }"),
        wrong("generic factory interface", ErrorCode.TypeNotInjectable,
            "@Daemon class S {}\n@Factory interface App<T> { S s(); }"),
        ok("entry point inherited from a generic interface",
            "@Daemon class S {}\ninterface Base<T> { T get(); }\n"
            + "@Factory interface App extends Base<S> {}"),
        ok("entry point inherited from Supplier",
            "@Daemon class S {}\n@Factory interface App extends java.util.function.Supplier<S> {}"),
        ok("entry point inherited through two generic levels",
            "@Daemon class S {}\ninterface Base<T> { T get(); }\ninterface Mid<U> extends Base<java.util.List<U>> {}\n"
            + "@Factory interface App extends Mid<S> {\n"
            + "  @Provides static java.util.List<S> l(S s) { return java.util.List.of(s); } }"),
        ok("array keys", "@Daemon class S { S(String[][] a, int[] b) {} }\n"
            + "@Factory interface App { S s(); int[] b();\n"
            + "  @Provides static String[][] a() { return new String[0][]; }\n"
            + "  @Provides static int[] b0() { return new int[0]; } }"),
        ok("primitive entry point and a boxed provides", "@Factory interface App { int port();\n"
            + "  @Provides static Integer p() { return 1; } }"),
        ok("boxed entry point and a primitive provides", "@Daemon class S { S(int p, Integer q) {} }\n"
            + "@Factory interface App { Integer port(); S s();\n"
            + "  @Provides static int p() { return 1; } }"),
        ok("nested generic key", "@Factory interface App { java.util.Map<String, java.util.List<java.util.Set<Integer>>> m();\n"
            + "  @Provides static java.util.Map<String, java.util.List<java.util.Set<Integer>>> m0() { return java.util.Map.of(); } }"),
        wrong("provider of provider", ErrorCode.MissingBinding, "@Daemon class S {}\n@Daemon class T { T(Provider<Provider<S>> p) {} }\n"
            + "@Factory interface App { T t(); }"),
        wrong("raw provider", ErrorCode.MissingBinding, "@Daemon class T { T(Provider p) {} }\n"
            + "@Factory interface App { T t(); }"),
        wrong("provider wildcard", ErrorCode.TypeNotInjectable, "@Daemon class S {}\n@Daemon class T { T(Provider<? extends S> p) {} }\n"
            + "@Factory interface App { T t(); }"),
        wrong("provides returning a provider", ErrorCode.TypeNotInjectable,
            "@Daemon class S {}\n@Factory interface App { Provider<S> p();\n"
            + "  @Provides static Provider<S> m() { return () -> new S(); } }"),
        wrong("type variable of a generic constructor", ErrorCode.TypeNotInjectable,
            "@Daemon class S { <T extends Number> S(T t) {} }\n@Factory interface App { S s(); }"),
        ok("generic constructor with no type-variable parameter",
            "@Daemon class S { <T> S() {} }\n@Factory interface App { S s(); }"),
        ok("varargs constructor", "@Daemon class S { S(String... n) {} }\n"
            + "@Factory interface App { S s(); @Provides static String[] n() { return new String[0]; } }"),
        ok("static nested daemon of a generic class", "class Outer<T> { @Daemon static class S {} }\n"
            + "@Factory interface App { Outer.S s(); }"),
        wrong("bounded wildcard daemon parameter", ErrorCode.TypeNotInjectable,
            "@Daemon class S { S(java.util.List<? super Integer> l) {} }\n"
            + "@Factory interface App { S s(); @Provides static java.util.List<? super Integer> l() { return new java.util.ArrayList<Number>(); } }"),
        ok("a daemon implementing a generic interface, asked by its class",
            "@Daemon class S implements java.util.function.Supplier<String> { public String get() { return \"\"; } }\n"
            + "@Factory interface App { S s(); }"));
  }

  static List<Program> qualifiers() {
    String names = "\"\", \"\\n\", \"\\u0000\", \"*/\", \"\\\\u000a\", \"\\\\\", \"/*\", \"\\t\\r\", \"$\", \"${x}\", \"%s%n\", \"\\uD800\"";
    StringBuilder entries = new StringBuilder();
    StringBuilder provides = new StringBuilder();
    String[] each = names.split(", ");
    for (int i = 0; i < each.length; i++) {
      entries.append("@Named(").append(each[i]).append(") String e").append(i).append("();\n");
      provides.append("@Provides @Named(").append(each[i]).append(") static String p").append(i)
          .append("() { return \"").append(i).append("\"; }\n");
    }
    return List.of(
        ok("named qualifiers with odd strings", "@Factory interface App {\n" + entries + provides + "}"),
        ok("custom qualifier with odd string members",
            "@Qualifier @interface Q { String value(); String[] more() default {\"*/\", \"\\\\u000a\"}; }\n"
            + "@Factory interface App { @Q(\"*/ \\\\u000d \\\"\") String a();\n"
            + "  @Provides @Q(\"*/ \\\\u000d \\\"\") static String p() { return \"\"; } }"),
        wrong("two qualifiers on one parameter", null,
            "@Qualifier @interface Q {}\n@Daemon class S { S(@Q @Named(\"a\") String a) {} }\n"
            + "@Factory interface App { S s(); @Provides @Named(\"a\") static String p() { return \"\"; } }"),
        ok("qualifier with a long and a float member",
            "@Qualifier @interface Q { long l(); float f(); byte b() default -1; short s() default 2; boolean z() default true; }\n"
            + "@Factory interface App { @Q(l = Long.MIN_VALUE, f = Float.NaN) String a(); @Q(l = 1, f = -0.0f) String b();\n"
            + "  @Provides @Q(l = Long.MIN_VALUE, f = Float.NaN) static String p() { return \"\"; }\n"
            + "  @Provides @Q(l = 1, f = -0.0f) static String q() { return \"\"; } }"),
        ok("qualifier with double infinity and char members",
            "@Qualifier @interface Q { double d(); char c(); }\n"
            + "@Factory interface App { @Q(d = Double.POSITIVE_INFINITY, c = '\\u2028') String a();\n"
            + "  @Provides @Q(d = 1.0/0, c = '\\u2028') static String p() { return \"\"; } }"),
        ok("a qualifier on a type-use position and declaration",
            "@Qualifier @java.lang.annotation.Target({java.lang.annotation.ElementType.TYPE_USE, java.lang.annotation.ElementType.PARAMETER, java.lang.annotation.ElementType.METHOD}) @interface Q {}\n"
            + "@Daemon class S { S(@Q String a) {} }\n"
            + "@Factory interface App { S s(); @Q String t(); @Provides @Q static String p() { return \"\"; } }"),
        ok("named qualifier on a daemon-typed entry point of a qualified provides",
            "@Daemon class S {}\n@Factory interface App { S s(); @Named(\"x\") S t();\n"
            + "  @Provides @Named(\"x\") static S p() { return new S(); } }"));
  }

  static List<Program> inheritance() {
    return List.of(
        wrong("abstract daemon", ErrorCode.DaemonNotConstructible,
            "@Daemon abstract class S {}\n@Factory interface App { S s(); }"),
        ok("covariant entry points from two interfaces",
            "@Daemon class S {}\ninterface A { Object s(); }\ninterface B { S s(); }\n"
            + "@Factory interface App extends A, B {}"),
        ok("covariant entry point redeclared",
            "@Daemon class S {}\ninterface A { Object s(); }\n@Factory interface App extends A { S s(); }"),
        wrong("default method named like a method of Node", ErrorCode.EntryPointNameClash,
            "@Daemon class S {}\n@Factory interface App { S s(); default String name() { return \"x\"; } }"),
        ok("private and static methods on the factory",
            "@Daemon class S {}\n@Factory interface App { S s(); private int x() { return 1; } static int y() { return 2; } }"),
        ok("toString redeclared on the factory",
            "@Daemon class S {}\n@Factory interface App { S s(); String toString(); int hashCode(); boolean equals(Object o); }"),
        ok("a default method overriding an inherited entry point",
            "@Daemon class S {}\ninterface A { S s(); Object o(); }\n@Factory interface App extends A { default Object o() { return s(); } }"),
        wrong("overloaded entry points", ErrorCode.EntryPointHasParameters,
            "@Daemon class S {}\n@Factory interface App { S s(); S s(int x); }"),
        wrong("void entry point", null,
            "@Factory interface App { void run(); }"),
        ok("entry point throwing a checked exception",
            "@Daemon class S {}\n@Factory interface App { S s() throws Exception; }"),
        ok("interface module with a static provides",
            "interface Mod { @Provides static String s() { return \"\"; } }\n"
            + "@Factory(modules = Mod.class) interface App { String s(); }"),
        ok("enum module with a static provides",
            "enum Mod { X; @Provides static String s() { return \"\"; } }\n"
            + "@Factory(modules = Mod.class) interface App { String s(); }"),
        ok("daemon constructor throwing a checked exception",
            "@Daemon class S { S() throws Exception {} }\n@Factory interface App { S s(); }"),
        ok("provides method throwing a checked exception",
            "@Factory interface App { String s(); @Provides static String p() throws java.io.IOException { return \"\"; } }"),
        ok("daemon constructor throwing an unchecked exception",
            "@Daemon class S { S() throws IllegalStateException {} }\n@Factory interface App { S s(); }"),
        ok("sealed interface implemented by a production and simulation daemon",
            "@Production(S.class) @Simulation(S.class) sealed interface I permits S {}\n@Daemon final class S implements I {}\n"
            + "@Factory interface App { I i(); }"),
        ok("entry point from a generic interface and a covariant one",
            "@Daemon class S {}\ninterface A<T> { T s(); }\ninterface B { Object s(); }\n"
            + "@Factory interface App extends A<S>, B {}"),
        ok("covariant entry points, the narrow one first",
            "@Daemon class S {}\ninterface A { Object s(); }\ninterface B { S s(); }\n"
            + "@Factory interface App extends B, A {}"),
        ok("a generic entry point narrowed through an interface between",
            "@Daemon class S {}\ninterface A<T> { T s(); }\ninterface B extends A<Object> { S s(); }\n"
            + "@Factory interface App extends B {}"),
        ok("one generic interface reached twice, through a diamond",
            "@Daemon class S {}\ninterface A<T> { T s(); }\ninterface B extends A<S> {}\ninterface C extends A<S> {}\n"
            + "@Factory interface App extends B, C {}"),
        ok("a generic entry point with a qualifier",
            "interface A<T> { @Named(\"x\") T s(); }\n"
            + "@Factory interface App extends A<String> { @Provides @Named(\"x\") static String x() { return \"x\"; } }"),
        ok("a generic entry point returning a provider",
            "@Daemon class S {}\ninterface A<T> { Provider<T> s(); }\n@Factory interface App extends A<S> {}"),
        wrong("a generic entry point whose argument cannot be built", ErrorCode.MissingBinding,
            "@Daemon class S {}\ninterface A<T> { T s(); }\n@Factory interface App extends A<Runnable> {}"),
        wrong("a generic entry point given a raw type", ErrorCode.MissingBinding,
            "@Daemon class S {}\ninterface A<T> { T s(); }\n@Factory interface App extends A {}"));
  }

  static List<Program> shapes() {
    return List.of(
        ok("enum with a nested daemon", "enum E { X; @Daemon static class S {} }\n@Factory interface App { E.S s(); }"),
        ok("record daemon with a compact constructor",
            "@Daemon class D {}\n@Daemon record S(D d) { S { java.util.Objects.requireNonNull(d); } }\n@Factory interface App { S s(); }"),
        wrong("record daemon with two canonical-ish constructors", ErrorCode.AmbiguousConstructor,
            "@Daemon class D {}\n@Daemon record S(D d) { S() { this(new D()); } }\n@Factory interface App { S s(); }"),
        ok("daemon nested in an interface", "interface Holder { @Daemon class S {} }\n@Factory interface App { Holder.S s(); }"),
        ok("factory nested in a daemon", "@Daemon class S { @Factory interface App { S s(); } }"),
        ok("a daemon in a local class is out of javac's reach for processors: nothing refers to it",
            "class X { void m() { @Daemon class L {} } }\n@Factory interface App {}"),
        ok("kotlin-like companion module",
            "class Mod { static final Mod Companion = new Mod(); @Provides static String s() { return \"\"; } }\n"
            + "@Factory(modules = Mod.class) interface App { String s(); }"),
        ok("deeply nested children",
            "@Daemon class S {}\n@Factory interface A0 { }\n"
            + "@Factory(parent = A0.class) interface A1 {}\n@Factory(parent = A1.class) interface A2 {}\n"
            + "@Factory(parent = A2.class) interface A3 {}\n@Factory(parent = A3.class) interface A4 {}\n"
            + "@Factory(parent = A4.class) interface A5 {}\n@Factory(parent = A5.class) interface A6 { S s(); }"),
        wrong("injected void", ErrorCode.TypeNotInjectable, "@Factory(injected = void.class) interface App {}"),
        wrong("injected Provider", ErrorCode.TypeNotInjectable, "@Factory(injected = Provider.class) interface App {}"),
        ok("injected twice is one binding",
            "@Factory(injected = {String.class, String.class}) interface App { String s(); }"),
        wrong("injected array", null, "@Factory(injected = String[].class) interface App { String[] s(); }"),
        wrong("injected clashing with a daemon", ErrorCode.DuplicateBinding,
            "@Daemon class S {}\n@Factory(injected = S.class) interface App { S s(); }"),
        ok("injected the factory interface itself",
            "@Factory(injected = App.class) interface App { App a(); }"),
        ok("injected an interface", "interface I {}\n@Factory(injected = I.class) interface App { I i(); }"),
        ok("injected in a child", "@Factory interface App {}\n@Factory(parent = App.class, injected = String.class) interface L { String s(); }"));
  }

  static List<Program> names() {
    return List.of(
        ok("dollar in names", "@Daemon class S$1 {}\n@Daemon class $ { $(S$1 s) {} }\n@Factory interface App$ { $ d(); S$1 s(); }"),
        ok("unicode names", "@Daemon class Ünïcødé {}\n@Factory interface Приложение { Ünïcødé u(); }"),
        ok("user class named Override", "class Override {}\n@Daemon class S {}\n@Factory interface App { S s(); }"),
        ok("user class named String", "@Daemon class String {}\n@Factory interface App { String s(); }"),
        ok("user class named Object and Generated", "class Object {}\nclass Generated {}\nclass SuppressWarnings {}\n@Daemon class S {}\n@Factory interface App { S s(); }"),
        ok("user class named io", "class io {}\n@Daemon class S {}\n@Factory interface App { S s(); }"),
        ok("user class named java", "class java {}\n@Daemon class S {}\n@Factory interface App { S s(); }"),
        ok("user classes named like runtime types", "class Node {}\nclass FactoryCore {}\nclass Bindings {}\nclass NodeGraph {}\nclass Daemons {}\n@Daemon class S {}\n@Factory interface App { S s(); }"),
        ok("entry point named like generated members", "@Daemon class S {}\n@Factory interface App { S built(); S core(); S get(); S bindings(); S self(); S dispatch(); }"),
        ok("daemon named like the factory's creator", "@Daemon class Creator {}\n@Factory interface App { Creator c(); }\n@Factory(parent = App.class) interface L { Creator c(); }"),
        ok("package named record", "//FILE record.yield.App\npackage record.yield;\nimport io.steelmill.*;\n@Daemon class S {}\n@Factory interface App { S s(); }"),
        ok("user code in a package named like the runtime", "//FILE test.io.steelmill.runtime.App\npackage test.io.steelmill.runtime;\nimport io.steelmill.*;\n@Daemon class S {}\n@Factory interface App { S s(); }"));
  }

  /**
   * Missing types in every position an annotation or signature can name one, modules and
   * provides methods of every odd shape, both modes' graphs, and unusable classes in other files.
   */
  static List<Program> references() {
    return List.of(
        wrong("parent missing", null, "@Factory(parent = Missing.class) interface App {}"),
        wrong("module missing", null, "@Factory(modules = Missing.class) interface App {}"),
        wrong("injected missing", null, "@Factory(injected = Missing.class) interface App { Missing m(); }"),
        wrong("production value missing", null, "@Production(Missing.class) interface I {}\n@Factory interface App { I i(); }"),
        wrong("named constant missing", null, "@Daemon class S { S(@Named(MISSING) String s) {} }\n@Factory interface App { S s(); }"),
        wrong("qualifier member missing", null, "@Qualifier @interface Q { Class<?> value(); }\n@Daemon class S { S(@Q(Missing.class) String s) {} }\n@Factory interface App { S s(); @Provides @Q(String.class) static String p() { return \"\"; } }"),
        wrong("daemon extends a missing class", null, "@Daemon class S extends Missing {}\n@Factory interface App { S s(); }"),
        wrong("daemon implements missing", null, "@Daemon class S implements Missing {}\n@Factory interface App { S s(); }"),
        wrong("factory extends missing", null, "@Daemon class S {}\n@Factory interface App extends Missing { S s(); }"),
        wrong("entry point of a missing generic argument", null, "@Factory interface App { java.util.List<Missing> l(); }"),
        wrong("provides of a missing type in a module in another file", null, "//FILE test.Mod\npackage test;\nclass Mod { @io.steelmill.Provides static Missing m() { return null; } }\n//FILE test.App\npackage test;\nimport io.steelmill.*;\n@Factory(modules = Mod.class) interface App { String s(); }"),
        wrong("self parent", null, "@Factory(parent = App.class) interface App {}"),
        wrong("parent cycle", null, "@Factory(parent = B.class) interface A {}\n@Factory(parent = A.class) interface B {}"),
        wrong("modules primitive", null, "@Factory(modules = int.class) interface App {}"),
        ok("modules naming the factory itself", "@Factory(modules = App.class) interface App { String s(); @Provides static String p() { return \"\"; } }"),
        wrong("modules an array class", null, "@Factory(modules = String[].class) interface App {}"),
        ok("a module listed twice", "class Mod { @Provides static String p() { return \"\"; } }\n@Factory(modules = {Mod.class, Mod.class}) interface App { String s(); }"),
        wrong("module's provides private", null, "class Mod { @Provides private static String p() { return \"\"; } }\n@Factory(modules = Mod.class) interface App { String s(); }"),
        wrong("module nested private", null, "class O { private static class Mod { @Provides static String p() { return \"\"; } } @Factory(modules = Mod.class) interface App { String s(); } }"),
        wrong("module in another package not public", null, "//FILE other.Mod\npackage other;\nclass Mod { @io.steelmill.Provides public static String p() { return \"\"; } }\n//FILE test.App\npackage test;\nimport io.steelmill.*;\n@Factory(modules = other.Mod.class) interface App { String s(); }"),
        wrong("provides default method in a module interface", null, "interface Mod { @Provides default String p() { return \"\"; } }\n@Factory(modules = Mod.class) interface App { String s(); }"),
        wrong("provides abstract method on the factory", null, "@Factory interface App { @Provides String s(); }"),
        ok("a static provides in a generic module class", "class Mod<T> { @Provides static String p() { return \"\"; } }\n@Factory(modules = Mod.class) interface App { String s(); }"),
        ok("a provides of a child's creator type nobody asks for", "@Factory interface App { @Provides static SteelmillL.Creator c() { return null; } }\n@Factory(parent = App.class) interface L {}"),
        wrong("an entry point returning its own generated factory", null, "@Factory interface App { SteelmillApp a(); }"),
        wrong("daemon needs the generated factory", null, "@Daemon class S { S(SteelmillApp a) {} }\n@Factory interface App { S s(); }"),
        wrong("daemon needs the factory interface", null, "@Daemon class S { S(App a) {} }\n@Factory interface App { S s(); }"),
        wrong("daemon needs a provider of itself and itself", null, "@Daemon class S { S(S s) {} }\n@Factory interface App { S s(); }"),
        wrong("simulation only graph error in production", null, "@Factory interface App { String s();\n  @Production @Provides static String p() { return \"\"; }\n  @Simulation @Provides static String q(Integer missing) { return \"\"; } }"),
        wrong("production only graph error in simulation", null, "@Factory interface App { String s();\n  @Simulation @Provides static String p() { return \"\"; }\n  @Production @Provides static String q(Integer missing) { return \"\"; } }"),
        wrong("simulation impl missing binding", null, "interface I {}\n@Daemon class Real implements I {}\n@Daemon class Fake implements I { Fake(Integer x) {} }\n@Production(Real.class) @Simulation(Fake.class) interface J extends I {}\n@Factory interface App { J j(); }"),
        wrong("simulation impl of wrong type in another file", null, "//FILE test.I\npackage test;\n@io.steelmill.Simulation(Fake.class) @io.steelmill.Production(Fake.class) interface I {}\n//FILE test.Fake\npackage test;\n@io.steelmill.Daemon class Fake {}\n//FILE test.App\npackage test;\nimport io.steelmill.*;\n@Factory interface App { I i(); }"),
        ok("production provides and simulation daemon of one key", "@Simulation @Daemon class S {}\n@Factory interface App { S s(); @Production @Provides static S p() { return new S(); } }"),
        wrong("ambient on a provides method", null, "@Factory interface App { String s(); @Ambient @Provides static String p() { return \"\"; } }"),
        wrong("ambient on a factory", null, "@Ambient @Factory interface App {}"),
        wrong("daemon on a factory", null, "@Daemon @Factory interface App {}"),
        wrong("daemon and factory on a class", null, "@Daemon @Factory class App {}"),
        wrong("provides in a daemon", null, "@Daemon class S { @Provides static String p() { return \"\"; } }\n@Factory interface App { S s(); String t(); }"),
        wrong("unusable constructor in another file used by a child only", null, "//FILE test.S\npackage test;\n@io.steelmill.Daemon class S { private S() {} }\n//FILE test.App\npackage test;\nimport io.steelmill.*;\n@Factory interface App {}\n@Factory(parent = App.class) interface L { S s(); }"),
        wrong("unusable constructor in another file used by an ambient", null, "//FILE test.S\npackage test;\n@io.steelmill.Ambient @io.steelmill.Daemon enum S { A }\n//FILE test.App\npackage test;\nimport io.steelmill.*;\n@Factory interface App { S s(); }"),
        wrong("unusable implementation constructor in another file", null, "//FILE test.S\npackage test;\nclass S implements I { S(int x) {} S(long y) {} }\n//FILE test.App\npackage test;\nimport io.steelmill.*;\n@Production(S.class) @Simulation(S.class) interface I {}\n@Factory interface App { I i(); }"),
        wrong("ambient without daemon in another file used", null, "//FILE test.S\npackage test;\n@io.steelmill.Ambient class S {}\n//FILE test.App\npackage test;\nimport io.steelmill.*;\n@Factory interface App { S s(); }"),
        wrong("void provides in a module", null, "class Mod { @Provides static void p() {} }\n@Factory(modules = Mod.class) interface App { }"),
        wrong("provides returning Void", null, "@Factory interface App { Void v(); @Provides static Void p() { return null; } }"),
        wrong("entry point returning a primitive void wrapper provider", null, "@Factory interface App { Provider<Void> v(); }"),
        wrong("provides method needing Provider of a primitive", null, "@Factory interface App { String s(); @Provides static Integer i() { return 1; } @Provides static String p(Provider<int[]> x) { return \"\"; } }"));
  }

  /**
   * Member types the generated class inherits from the factory interface (and its
   * superinterfaces), named like types the generated code names: inside the generated class they
   * shadow the imported or {@code java.lang} type of that name.
   */
  static List<Program> memberTypes() {
    return List.of(
        ok("factory declaring member types named String, Object and Override",
            "@Daemon class S {}\n@Factory interface App { S s(); class String {} class Object {}"
                + " @interface Override {} }"),
        ok("factory declaring member types named like runtime types",
            "@Daemon class S {}\n@Factory interface App { S s(); class Node {} class Provider {}"
                + " class FactoryCore {} class Bindings {} class NodeGraph {} class Ambient {}"
                + " class Daemons {} class Generated {} class SuppressWarnings {} class Creator {} }"),
        ok("a superinterface declaring member types named like runtime types",
            "@Daemon class S {}\ninterface Base { class Node {} class String {} class Creator {} }\n"
                + "@Factory interface App extends Base { S s(); io.steelmill.runtime.Provider<S>"
                + " p(); }"),
        ok("a child factory declaring member types named like runtime types",
            "@Daemon class S {}\n@Factory interface App { S s(); SteelmillL.Creator c(); }\n"
                + "@Factory(parent = App.class) interface L { S s(); class Creator {} class Node {}"
                + " class String {} class Object {} }"),
        ok("member types named java and io",
            "@Daemon class S {}\n@Factory interface App { S s(); class java {} class io {} }"),
        ok("a daemon's member types named like runtime types",
            "@Daemon class S { static class Node {} static class Provider {} static class String {} }\n"
                + "@Factory interface App { S s(); }"),
        ok("a repeatable qualifier used once",
            "@java.lang.annotation.Repeatable(Qs.class) @Qualifier @interface Q { String value(); }\n"
                + "@interface Qs { Q[] value(); }\n"
                + "@Factory interface App { @Q(\"a\") String a();"
                + " @Provides @Q(\"a\") static String p() { return \"\"; } }"),
        wrong("a repeatable qualifier used twice", ErrorCode.TypeNotInjectable,
            "@java.lang.annotation.Repeatable(Qs.class) @Qualifier @interface Q { String value(); }\n"
                + "@interface Qs { Q[] value(); }\n"
                + "@Factory interface App { @Q(\"a\") @Q(\"b\") String a();"
                + " @Provides static String p() { return \"\"; } }"),
        wrong("a repeatable qualifier twice on a daemon's parameter", ErrorCode.TypeNotInjectable,
            "@java.lang.annotation.Repeatable(Qs.class) @Qualifier @interface Q { String value(); }\n"
                + "@interface Qs { Q[] value(); }\n"
                + "@Daemon class S { S(@Q(\"a\") @Q(\"b\") String a) {} }\n"
                + "@Factory interface App { S s(); @Provides static String p() { return \"\"; } }"),
        wrong("a repeatable qualifier twice on a provides method", ErrorCode.TypeNotInjectable,
            "@java.lang.annotation.Repeatable(Qs.class) @Qualifier @interface Q { String value(); }\n"
                + "@interface Qs { Q[] value(); }\n"
                + "@Factory interface App { @Q(\"a\") String a();"
                + " @Provides @Q(\"a\") @Q(\"b\") static String p() { return \"\"; } }"),
        ok("a repeatable qualifier's container holding one",
            "@java.lang.annotation.Repeatable(Qs.class) @Qualifier @interface Q { String value(); }\n"
                + "@interface Qs { Q[] value(); }\n"
                + "@Factory interface App { @Qs(@Q(\"a\")) String a();"
                + " @Provides @Q(\"a\") static String p() { return \"\"; } }"),
        ok("a static class in an inner class as a daemon",
            "class Outer { class Inner { @Daemon static class S {} } }\n"
                + "@Factory interface App { Outer.Inner.S s(); }"),
        ok("named qualifiers equal as constant expressions",
            "final class K { static final String X = \"a\" + \"b\"; }\n"
                + "@Factory interface App { @Named(K.X) String a();"
                + " @Provides @Named(\"ab\") static String p() { return \"\"; } }"),
        ok("a child nested in its parent, its creator asked by a parent daemon",
            "@Daemon class S {}\n@Daemon class Boss { Boss(SteelmillApp_L.Creator c) {} }\n"
                + "@Factory interface App { Boss b();\n"
                + "  @Factory(parent = App.class) interface L { S s(); } }"),
        ok("a child with an injected type, its creator compiled",
            "@Daemon class S { S(String name) {} }\n"
                + "@Daemon class Boss { Boss(Provider<SteelmillL.Creator> c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class, injected = String.class) interface L { S s(); }"));
  }

  /** Both modes' graphs judged in either build, across parents and children and creators. */
  static List<Program> modesAndChildren() {
    return List.of(
        wrong("a simulation-only daemon a child needs, in either build", ErrorCode.ModeOnlyBinding,
            "@Simulation @Daemon class Fake {}\n@Factory interface App {}\n"
                + "@Factory(parent = App.class) interface L { Fake f(); }"),
        wrong("a child's simulation provides needing a production-only parent binding",
            ErrorCode.ModeOnlyBinding,
            "@Production @Daemon class Real {}\n@Factory interface App {}\n"
                + "@Factory(parent = App.class) interface L { String s();\n"
                + "  @Simulation @Provides static String s0(Real r) { return \"\"; }\n"
                + "  @Production @Provides static String s1() { return \"\"; } }"),
        wrong("a production-only implementation asked in a grandchild", ErrorCode.ModeOnlyBinding,
            "@Production(Real.class) interface Port {}\n@Daemon class Real implements Port {}\n"
                + "@Factory interface App {}\n@Factory(parent = App.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Port p(); }"),
        ok("a parent's provides taking a child's creator",
            "@Daemon class S {}\nfinal class Pool { Pool(SteelmillL.Creator c) {} }\n"
                + "@Factory interface App { Pool p();"
                + " @Provides static Pool pool(SteelmillL.Creator c) { return new Pool(c); } }\n"
                + "@Factory(parent = App.class) interface L { S s(); }"),
        ok("a simulation-only daemon taking a creator, a production one too",
            "interface Boss {}\n@Simulation @Daemon class FakeBoss implements Boss {"
                + " FakeBoss(SteelmillL.Creator c) {} }\n"
                + "@Production @Daemon class RealBoss implements Boss { RealBoss(Provider<SteelmillL.Creator> c) {} }\n"
                + "@Factory interface App { @Provides static Boss b(FakeBoss f) { return f; } }\n"
                + "@Factory(parent = App.class) interface L {}"),
        wrong("a creator of a child whose graph is wrong", ErrorCode.MissingBinding,
            "@Daemon class Boss { Boss(SteelmillL.Creator c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface L { Runnable r(); }"),
        wrong("a creator of a child whose daemon has no usable constructor, in another file",
            ErrorCode.NoUsableConstructor,
            "//FILE test.Bad\npackage test;\n@io.steelmill.Daemon class Bad { private Bad() {} }\n"
                + "//FILE test.App\npackage test;\nimport io.steelmill.*;\n"
                + "@Daemon class Boss { Boss(SteelmillL.Creator c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface L { Bad b(); }"),
        wrong("an entry point returning the creator of a child whose graph is wrong",
            ErrorCode.MissingBinding,
            "@Factory interface App { SteelmillL.Creator c(); }\n"
                + "@Factory(parent = App.class) interface L { Runnable r(); }"),
        wrong("a provider of the creator of a child whose graph has a cycle",
            ErrorCode.DependencyCycle,
            "@Daemon class A { A(B b) {} }\n@Daemon class B { B(A a) {} }\n"
                + "@Daemon class Boss { Boss(Provider<SteelmillL.Creator> c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface L { A a(); }"),
        wrong("the creator of a child whose grandchild's graph is wrong", ErrorCode.MissingBinding,
            "@Daemon class Boss { Boss(SteelmillMid.Creator c) {} }\n"
                + "@Daemon class Mid0 { Mid0(SteelmillLeaf.Creator c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface Mid { Mid0 m(); }\n"
                + "@Factory(parent = Mid.class) interface Leaf { Runnable r(); }"),
        wrong("the creator of a child wrong in simulation only", ErrorCode.ModeOnlyBinding,
            "@Production @Daemon class Real {}\n"
                + "@Daemon class Boss { Boss(SteelmillL.Creator c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface L { Real r(); }"),
        ok("two children of one simple name nested in different classes, each created",
            "@Daemon class S {}\n@Daemon class Boss { Boss(SteelmillA_L.Creator a,"
                + " SteelmillB_L.Creator b) {} }\n@Factory interface App { Boss boss(); }\n"
                + "class A { @Factory(parent = App.class) interface L { S s(); } }\n"
                + "class B { @Factory(parent = App.class) interface L { S s(); } }"),
        ok("a child nested in a daemon class",
            "@Daemon class S { @Factory(parent = App.class) interface L { S s(); } }\n"
                + "@Factory interface App { S s(); }"),
        wrong("mode annotation on a factory", null,
            "@Simulation @Factory interface App {}"),
        wrong("bySimulator on a user interface", ErrorCode.SimulatorLacksBinding,
            "@Production(Real.class) @Simulation(bySimulator = true) interface Port {}\n"
                + "@Daemon class Real implements Port {}\n@Factory interface App { Port p(); }"),
        wrong("a simulation implementation that is abstract, in another file",
            ErrorCode.ImplementationNotConstructible,
            "//FILE test.Fake\npackage test;\nabstract class Fake implements Port {}\n"
                + "//FILE test.App\npackage test;\nimport io.steelmill.*;\n"
                + "@Production(Real.class) @Simulation(Fake.class) interface Port {}\n"
                + "@Daemon class Real implements Port {}\n@Factory interface App { Port p(); }"),
        wrong("an ambient daemon needing a creator through a provider", ErrorCode.CreatorOutOfScope,
            "@Ambient @Daemon class Boss { Boss(Provider<SteelmillL.Creator> c) {} }\n"
                + "@Factory interface App { Boss b(); }\n@Factory(parent = App.class) interface L {}"),
        ok("deep children, each level's daemon creating the next",
            "@Daemon class S {}\n@Daemon class B0 { B0(SteelmillL1.Creator c) {} }\n"
                + "@Daemon class B1 { B1(SteelmillL2.Creator c) {} }\n"
                + "@Daemon class B2 { B2(SteelmillL3.Creator c, S s) {} }\n"
                + "@Factory interface App { B0 b(); }\n"
                + "@Factory(parent = App.class) interface L1 { B1 b(); }\n"
                + "@Factory(parent = L1.class) interface L2 { B2 b(); }\n"
                + "@Factory(parent = L2.class) interface L3 { S s(); B0 b0(); }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void neverCrashesAndNeverAcceptsAMistake(Program program) {
    new HostileInputMoreTest().neverCrashesAndNeverAcceptsAMistake(program);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void everyEntryPointOfEveryNodeWorks(Program program) throws Exception {
    // the runner creates roots without arguments, finds generated classes by names without $,
    // and takes every abstract method for an entry point
    if (program.text().contains("injected =") || program.text().contains("$")
        || program.text().contains("toString()")) {
      return;
    }
    new KeysAndChildrenHostileTest().everyEntryPointOfEveryNodeWorks(program);
  }

  /** Writes the given sources in its rounds (0 the first), and reports an error if asked. */
  static final class OtherProcessor extends AbstractProcessor {
    private final Map<Integer, Map<String, String>> sources;
    private final String errorOn;
    private int round;

    OtherProcessor(Map<Integer, Map<String, String>> sources, String errorOn) {
      this.sources = sources;
      this.errorOn = errorOn;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
      for (var source : sources.getOrDefault(round, Map.of()).entrySet()) {
        try (Writer out = processingEnv.getFiler().createSourceFile(source.getKey()).openWriter()) {
          out.write(source.getValue());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (errorOn != null && round == 0) {
        TypeElement element = processingEnv.getElementUtils().getTypeElement(errorOn);
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "other: refused", element);
      }
      round++;
      return false;
    }
  }

  private static Compilation withOther(OtherProcessor other, List<String> options, String text) {
    List<String> all = new ArrayList<>(options);
    all.add("-Xlint:-processing");
    return javac().withProcessors(other, new SteelmillProcessor()).withOptions(all)
        .compile(HostileInputMoreTest.files(text).toArray(JavaFileObject[]::new));
  }

  private static void assertNoCrashAndUserLines(Compilation compilation, String shown) {
    List<String> messages = HostileInputTest.messages(compilation);
    assertThat(messages).as(shown).noneMatch(m -> m.contains("ProcessorCrash"));
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertThat(error.getSource()).as(shown + ": " + error).isNotNull();
      assertThat(error.getSource().getName()).as(shown + ": " + error)
          .doesNotContain("Steelmill");
    }
  }

  static Stream<List<String>> modes() {
    return Stream.of(List.of(), List.of("-Asteelmill.mode=simulation"));
  }

  @ParameterizedTest
  @MethodSource("modes")
  void anotherProcessorsErrorInTheSameRoundIsNoCrash(List<String> options) {
    Compilation compilation = withOther(new OtherProcessor(Map.of(), "test.Store"), options,
        "@Daemon class Store {}\n@Factory interface App { Store s(); }");
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertNoCrashAndUserLines(compilation, "other error");
    assertThat(HostileInputTest.messages(compilation)).contains("other: refused");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aFactoryAnotherProcessorGeneratesIsBuilt(List<String> options) {
    Compilation compilation = withOther(new OtherProcessor(Map.of(1, Map.of("test.Gen",
            "package test;\n@io.steelmill.Factory interface Gen { Store s(); }\n")), null),
        options, "@Daemon class Store {}\n@Factory interface App { Store s(); }");
    assertNoCrashAndUserLines(compilation, "generated factory");
    assertThat(compilation.status()).as(HostileInputTest.messages(compilation).toString())
        .isEqualTo(Compilation.Status.SUCCESS);
    assertThat(compilation.generatedSourceFile("test.SteelmillGen")).isPresent();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aDaemonGeneratedTwoRoundsLateIsWaitedFor(List<String> options) {
    Compilation compilation = withOther(new OtherProcessor(Map.of(
            0, Map.of("test.Filler", "package test;\nfinal class Filler {}\n"),
            1, Map.of("test.Middle", "package test;\nfinal class Middle {}\n"),
            2, Map.of("test.Late", "package test;\n@io.steelmill.Daemon final class Late {}\n")),
            null),
        options, "@Daemon class Store { Store(Late l) {} }\n@Factory interface App { Store s(); }");
    assertNoCrashAndUserLines(compilation, "late daemon");
    assertThat(compilation.status()).as(HostileInputTest.messages(compilation).toString())
        .isEqualTo(Compilation.Status.SUCCESS);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aDaemonGeneratedOneRoundLateIsWaitedFor(List<String> options) {
    Compilation compilation = withOther(new OtherProcessor(Map.of(
            0, Map.of("test.Filler", "package test;\nfinal class Filler {}\n"),
            1, Map.of("test.Late", "package test;\n@io.steelmill.Daemon final class Late {}\n")),
            null),
        options, "@Daemon class Store { Store(Late l) {} }\n@Factory interface App { Store s(); }");
    assertNoCrashAndUserLines(compilation, "late daemon");
    assertThat(compilation.status()).as(HostileInputTest.messages(compilation).toString())
        .isEqualTo(Compilation.Status.SUCCESS);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aDaemonNeverGeneratedIsAnErrorOnTheUsersLine(List<String> options) {
    Compilation compilation = withOther(new OtherProcessor(Map.of(), null), options,
        "@Daemon class Store { Store(Never n) {} }\n@Factory interface App { Store s(); }");
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertNoCrashAndUserLines(compilation, "never generated");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void anotherProcessorTakingTheGeneratedNameIsADiagnostic(List<String> options) {
    Compilation compilation = withOther(new OtherProcessor(Map.of(0, Map.of("test.SteelmillApp",
            "package test;\nfinal class SteelmillApp {}\n")), null),
        options, "@Daemon class Store {}\n@Factory interface App { Store s(); }");
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertNoCrashAndUserLines(compilation, "name taken");
    assertThat(HostileInputTest.messages(compilation)).anyMatch(m -> m.startsWith("[Steelmill/"));
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aGeneratedDaemonAFactoryInAnotherRoundUses(List<String> options) {
    Compilation compilation = withOther(new OtherProcessor(Map.of(0, Map.of("test.Gen",
            "package test;\n@io.steelmill.Daemon final class Gen { Gen(Store s) {} }\n"),
            1, Map.of("test.Lease", "package test;\n"
                + "@io.steelmill.Factory(parent = App.class) interface Lease { Gen g(); }\n")),
            null),
        options, "@Daemon class Store {}\n@Factory interface App { Store s(); }");
    assertNoCrashAndUserLines(compilation, "child in a later round");
    assertThat(HostileInputTest.messages(compilation)).as("child in a later round")
        .noneMatch(m -> m.contains("cannot find symbol"));
  }
}
