package io.steelmill.processor;

import io.steelmill.processor.NameClashHostileTest.Program;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated source names every class so that it means that class: programs whose class names
 * clash with each other, with {@code java.lang}, with the runtime's and the generated classes'
 * names, with member classes the factory interface declares or inherits, and keys with nested
 * generics and arrays. Each must compile, with no error, in both modes: a name resolving to the
 * wrong class makes javac reject the generated file (an entry point returning the wrong type).
 */
class GeneratedNamesTest {
  static Stream<Program> programs() {
    return Stream.of(
        new Program("member class of the factory named like a daemon of another package",
            "@Factory interface App { other.Store s(); class Store {} }\n" + OTHER_STORE),
        new Program("member class inherited from a super-interface",
            "interface Base { class Store {} }\n"
                + "@Factory interface App extends Base { other.Store s(); }\n" + OTHER_STORE),
        new Program("member class of the factory named like java.lang and runtime classes",
            "@Factory interface App { java.lang.String s(); Store store();"
                + " class String {} class Object {} class Override {} class Throwable {}"
                + " class Node {} class Bindings {} class FactoryCore {} class Generated {}\n"
                + "  @Provides static java.lang.String name() { return \"n\"; } }\n"
                + "@Daemon class Store { Store(java.lang.String s) {} }"),
        new Program("daemons named like every class the generated code imports",
            "@Daemon class Generated {}\n@Daemon class Bindings {}\n@Daemon class FactoryCore {}\n"
                + "@Daemon class IndexOutOfBoundsException {}\n@Daemon class Throwable {}\n"
                + "@Daemon class Store { Store(Generated g, Bindings b, FactoryCore c,"
                + " IndexOutOfBoundsException e, Throwable t) {} }\n"
                + "@Factory interface App { Store s(); Generated g(); }"),
        new Program("three classes named List",
            "@Daemon class List {}\n"
                + "@Factory interface App { List a(); java.util.List<java.lang.String> b();"
                + " java.awt.List c();\n"
                + "  @Provides static java.util.List<java.lang.String> makeB() { return"
                + " java.util.List.of(); }\n"
                + "  @Provides static java.awt.List makeC() { return null; } }"),
        new Program("nested generics and arrays as keys",
            "@Factory interface App {\n"
                + "  java.util.Map<String, java.util.List<Number>> m();\n"
                + "  java.util.function.Function<other.Store, int[][]> f();\n"
                + "  String[] names(); other.Store[] stores(); Provider<other.Store> p();\n"
                + "  @Provides static java.util.Map<String, java.util.List<Number>>"
                + " makeM() { return java.util.Map.of(); }\n"
                + "  @Provides static java.util.function.Function<other.Store, int[][]>"
                + " makeF() { return s -> new int[0][]; }\n"
                + "  @Provides static String[] makeNames() { return new String[0]; }\n"
                + "  @Provides static other.Store[] makeStores(other.Store s) { return new"
                + " other.Store[] {s}; } }\n" + OTHER_STORE),
        new Program("nested daemons with one simple name in two outer classes",
            "class Outer { @Daemon static class Inner {} }\n"
                + "@Daemon class Inner { Inner(Outer.Inner o, other.Outer.Inner p) {} }\n"
                + "@Factory interface App { Inner i(); Outer.Inner o(); other.Outer.Inner p(); }\n"
                + "//FILE other.Outer\npackage other;\n"
                + "public class Outer { @io.steelmill.Daemon public static class Inner {} }"),
        new Program("child factory with daemons named like its generated classes",
            "@Daemon class Creator {}\n@Daemon class Part0 {}\n@Daemon class Ambient {}\n"
                + "@Factory interface Host { Creator c(); Part0 p(); }\n"
                + "@Daemon class Writer { Writer(Creator c, Part0 p, Ambient a) {} }\n"
                + "@Factory(parent = Host.class) interface Lease { Writer w(); Creator c(); }"),
        new Program("plain classes of the package named like java.lang classes, not injected",
            "class String {}\nclass Object {}\nclass IndexOutOfBoundsException {}\n"
                + "@Daemon class Store {}\n@Factory interface App { Store s(); }"),
        new Program("factory in the unnamed package with daemons in named ones",
            "//FILE App\n@io.steelmill.Factory interface App { other.Store s(); test.Store t(); }\n"
                + "//FILE test.Store\npackage test;\n@io.steelmill.Daemon public class Store {}\n"
                + OTHER_STORE),
        new Program("entry point and member class named like the node's instance array",
            "@Daemon class Store {}\n@Daemon class Writer { Writer(Store s, built b) {} }\n"
                + "@Daemon class built { built(Store s) {} }\n"
                + "@Factory interface App { Store built(); Writer w(); built b(); }"),
        new Program("daemon in another package named like the factory's generated class",
            "@Factory interface App { other.SteelmillApp a(); other.Store s(); }\n"
                + "//FILE other.SteelmillApp\npackage other;\n"
                + "@io.steelmill.Daemon public class SteelmillApp {}\n" + OTHER_STORE));
  }

  private static final String OTHER_STORE =
      "//FILE other.Store\npackage other;\n@io.steelmill.Daemon public class Store {}";

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void compiles(Program program) {
    NameClashHostileTest.check(program.name(), program.text(), null, true);
  }
}
