package io.steelmill.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names that the generated class must write but that the user's program also uses: member
 * classes and constants of the factory interface, classes of the package named like packages
 * ({@code io}, {@code java}), like {@code java.lang} classes or like the generated class itself;
 * default methods named like the generated class's methods; {@code $}, unicode, keyword-like,
 * very long and deeply nested names; odd annotation values. Each program either compiles in both
 * modes, or is refused with a catalog diagnostic on the user's file and nothing generated: never
 * a javac error inside generated code, never a crash. A seeded generator then mixes the hostile
 * names at random.
 */
class NameClashHostileTest {
  record Program(String name, String text) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Program> programs() {
    return Stream.of(
        new Program("interface member named like the generated class",
            "@Factory interface App { Store s(); class SteelmillApp {} }\n@Daemon class Store {}"),
        new Program("interface member named io",
            "@Factory interface App { Store s(); class io {} class Node {} class Bindings {}"
                + " class FactoryCore {} }\n@Daemon class Store {}"),
        new Program("interface constant named io",
            "@Factory interface App { Store s(); int io = 1; int java = 2; int javax = 3;"
                + " class Node {} class Bindings {} class FactoryCore {} class String {}"
                + " class Generated {} class Override {} class Throwable {} class Object {}"
                + " class IndexOutOfBoundsException {} }\n@Daemon class Store {}"),
        new Program("package class named io",
            "class io {}\nclass java {}\nclass javax {}\n@Daemon class Node {}\n"
                + "@Daemon class Bindings {}\n@Daemon class Store { Store(Node n, Bindings b) {} }\n"
                + "@Factory interface App { Store s(); }"),
        new Program("package class named like the package",
            "class test {}\n@Daemon class Store {}\n"
                + "@Factory interface App { Store s(); class SteelmillApp {} }"),
        new Program("member class named like the generated class in the unnamed package",
            "//FILE App\n@io.steelmill.Factory interface App { Store s(); class SteelmillApp {} }\n"
                + "//FILE Store\n@io.steelmill.Daemon class Store {}"),
        new Program("unnamed package class hidden by a member class",
            "//FILE App\n@io.steelmill.Factory interface App { Writer w(); class Store {} }\n"
                + "//FILE Writer\n@io.steelmill.Daemon class Writer { Writer(Store s) {} }\n"
                + "//FILE Store\n@io.steelmill.Daemon class Store {}"),
        new Program("entry point field named io with a daemon named Bindings",
            "@Daemon class Bindings {}\n@Daemon class Io {}\n"
                + "@Factory interface App { Bindings b(); Io io(); }"),
        new Program("imported class named io",
            "@Daemon class Bindings {}\n@Factory interface App { Bindings b(); other.io i(); }\n"
                + "//FILE other.io\npackage other;\nimport io.steelmill.Daemon;\n@Daemon public class io {}"),
        new Program("entry point gracePeriod",
            "@Factory interface App { java.time.Duration gracePeriod();"
                + " @Provides static java.time.Duration d() { return java.time.Duration.ZERO; } }"),
        new Program("default method get(int)",
            "@Daemon class Store {}\n@Factory interface App { Store s();"
                + " default Object get(int i) { return null; } }"),
        new Program("default method construct(int)",
            "@Daemon class Store {}\n@Factory interface App { Store s();"
                + " default Object construct(int i) { return null; } }"),
        new Program("default method name()",
            "@Daemon class Store {}\n@Factory interface App { Store s();"
                + " default String name() { return null; } }"),
        new Program("default method getStore()",
            "@Daemon class Store {}\n@Factory interface App { Store s();"
                + " default Store getStore() { return null; } }"),
        new Program("static method getStore()",
            "@Daemon class Store {}\n@Factory interface App { Store s();"
                + " static Store getStore() { return null; } }"),
        new Program("default method buildForChildren()",
            "@Daemon class Store {}\n@Factory interface App { Store s();"
                + " default void buildForChildren() {} }"),
        new Program("default method ownParent()",
            "@Daemon class Store {}\n@Factory interface App { Store s();"
                + " default void ownParent() {} }"),
        new Program("entry point clone",
            "@Daemon class Store {}\n@Factory interface App { Store clone(); }"),
        new Program("entry point finalize",
            "@Daemon class Store {}\n@Factory interface App { Store finalize(); }"),
        new Program("Object's equals redeclared",
            "@Daemon class Store {}\n@Factory interface App { Store s(); boolean equals(Object o); }"),
        new Program("equals taking another type",
            "@Daemon class Store {}\n@Factory interface App { Store s(); boolean equals(Store o); }"),
        new Program("daemon named with dollar",
            "@Daemon class Sto$re {}\n@Daemon class $ { $(Sto$re s) {} }\n@Daemon class $$ {}\n"
                + "@Factory interface App { $ a(); $$ b(); Sto$re c(); }"),
        new Program("unicode daemons",
            "@Daemon class Ärger {}\n@Daemon class 日本 { 日本(Ärger a) {} }\n@Daemon class İx {}\n"
                + "@Daemon class ǅx {}\n@Daemon class ßtore {}\n"
                + "@Factory interface App { 日本 a(); İx b(); ǅx c(); ßtore d(); }"),
        new Program("keyword-like daemons",
            "@Daemon class Int {}\n@Daemon class Yield {}\n@Daemon class Var {}\n"
                + "@Daemon class Record {}\n@Daemon class Class {}\n@Daemon class Switch {}\n"
                + "@Daemon class Permits {}\n@Daemon class Sealed {}\n@Daemon class When {}\n"
                + "@Daemon class Store { Store(Int i, Yield y, Var v, Record r, Class c, Switch s,"
                + " Permits p, Sealed z, When w) {} }\n@Factory interface App { Store s(); }"),
        new Program("java.lang names as daemons",
            "@Daemon class String {}\n@Daemon class Override {}\n@Daemon class Thread {}\n"
                + "@Daemon class Record {}\n@Daemon class Object {}\n@Daemon class Integer {}\n"
                + "@Daemon class Store { Store(String s, Override o, Thread t, Record r, Object b,"
                + " Integer i) {} }\n@Factory interface App { Store s(); String t(); }"),
        new Program("java.lang names as daemons in a child",
            "@Daemon class String {}\n@Daemon class Override {}\n@Daemon class Thread {}\n"
                + "@Daemon class Object {}\n@Factory interface App { String s(); }\n"
                + "@Daemon class Store { Store(String s, Override o, Thread t, Object b) {} }\n"
                + "@Factory(parent = App.class) interface Lease { Store s(); Object o(); }"),
        new Program("very long name",
            "@Daemon class " + "L".repeat(400) + " {}\n@Factory interface App { "
                + "L".repeat(400) + " s(); }"),
        // the longest whose generated class files fit a file system's 255 bytes (SteelmillF...
        // $Ambient.class); 240 compiled in memory here but failed on disk (GeneratedNameTooLong)
        new Program("very long factory name",
            "@Daemon class Store {}\n@Factory interface " + "F".repeat(232) + " { Store s(); }"),
        new Program("deeply nested",
            "class A { static class B { static class C { static class D { static class E {"
                + " @Daemon static class Store {} @Factory interface App { Store s(); } } } } } }"),
        new Program("deeply nested child of nested",
            "class A { static class B { @Daemon static class Store {}"
                + " @Factory interface App { Store s(); }"
                + " static class C { @Factory(parent = App.class) interface Lease { Store s(); } } } }"),
        new Program("nested factory with a member class like the generated nested",
            "class Outer { @Factory interface App { Ambient a(); Creator c(); Part0 p(); } }\n"
                + "@Daemon class Ambient {}\n@Daemon class Creator {}\n@Daemon class Part0 {}"),
        new Program("factory member classes named Ambient and Creator",
            "@Factory interface App { Store s(); class Ambient {} class Creator {} }\n"
                + "@Daemon class Store {}\n"
                + "@Factory(parent = App.class) interface Lease { Store s(); class Creator {}"
                + " class Ambient {} class SteelmillApp {} class SteelmillLease {} }"),
        new Program("generic daemon",
            "@Daemon class Box<T> {}\n@Factory interface App { Box<String> b(); }"),
        new Program("named with odd values",
            "@Factory interface App { @Named(\"*/\\u0000\\n\\u2028\\\\\") String s();\n"
                + "  @Provides @Named(\"*/\\u0000\\n\\u2028\\\\\") static String m() { return \"\"; } }"),
        new Program("annotation with odd values",
            "@Daemon class Store {}\n@Factory interface App { @Deprecated(since = \"\\u0000\\\"*/\")"
                + " Store s(); }"),
        new Program("qualifier with odd values",
            "@Qualifier @java.lang.annotation.Retention(java.lang.annotation"
                + ".RetentionPolicy.RUNTIME) @interface Named2 { String value(); }\n"
                + "@Factory interface App { @Named2(\"a\\\"b*/\\n\\u2028\") String s();"
                + " @Provides @Named2(\"a\\\"b*/\\n\\u2028\") static String m() { return \"\"; } }"));
  }

  /** Programs refused, with the code each must be refused with. */
  private static final Map<String, ErrorCode> REFUSED =
      Map.ofEntries(
          Map.entry("interface member named io", ErrorCode.NameHidden),
          Map.entry("interface constant named io", ErrorCode.NameHidden),
          Map.entry("package class named io", ErrorCode.NameHidden),
          Map.entry("package class named like the package", ErrorCode.NameHidden),
          Map.entry("unnamed package class hidden by a member class", ErrorCode.NameHidden),
          Map.entry("entry point field named io with a daemon named Bindings",
              ErrorCode.NameHidden),
          Map.entry("imported class named io", ErrorCode.NameHidden),
          Map.entry("member class named like the generated class in the unnamed package",
              ErrorCode.NameHidden),
          Map.entry("entry point gracePeriod", ErrorCode.EntryPointNameClash),
          Map.entry("default method get(int)", ErrorCode.EntryPointNameClash),
          Map.entry("default method construct(int)", ErrorCode.EntryPointNameClash),
          Map.entry("default method name()", ErrorCode.EntryPointNameClash),
          Map.entry("default method getStore()", ErrorCode.EntryPointNameClash),
          Map.entry("default method buildForChildren()", ErrorCode.EntryPointNameClash),
          Map.entry("default method ownParent()", ErrorCode.EntryPointNameClash),
          Map.entry("entry point finalize", ErrorCode.EntryPointNameClash),
          Map.entry("equals taking another type", ErrorCode.EntryPointHasParameters),
          Map.entry("generic daemon", ErrorCode.DaemonNotConstructible));

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void compilesOrIsRefusedCleanly(Program program) {
    check(program.name(), program.text(), REFUSED.get(program.name()), true);
  }

  /**
   * The validator's list of the generated class's methods covers every method {@code Node}
   * (and {@code Object}) lets a subclass in another package see: a method added to {@code Node} without being added
   * there would let a default method of a factory interface break the generated class.
   */
  @org.junit.jupiter.api.Test
  void validatorKnowsEveryMethodOfNode() {
    List<String> missing = new ArrayList<>();
    for (Class<?> type = io.steelmill.runtime.Node.class; type != null;
        type = type.getSuperclass()) {
      for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
        int modifiers = method.getModifiers();
        boolean visible = java.lang.reflect.Modifier.isPublic(modifiers)
            || java.lang.reflect.Modifier.isProtected(modifiers); // the generated class is elsewhere
        if (visible && !method.isSynthetic()
            && !io.steelmill.processor.validation.FactoryValidator.isGeneratedClassMethod(
                method.getName(), method.getParameterCount())) {
          missing.add(type.getSimpleName() + "." + method.getName() + "/"
              + method.getParameterCount());
        }
      }
    }
    assertThat(missing).as("methods of Node the validator does not know").isEmpty();
  }

  /** Hostile names, by where they may be declared. */
  private static final String[] DAEMON_NAMES = {
    "String", "Override", "Thread", "Record", "Object", "Integer", "Node", "Bindings",
    "FactoryCore", "Generated", "Throwable", "IndexOutOfBoundsException", "Ambient", "Creator",
    "Part0", "Dispatch", "List", "Map", "$", "$$", "A$B", "Ärger", "日本", "İx", "ǅx", "Yield",
    "Var", "Switch", "Int", "Class", "Sealed", "When", "Permits", "Io", "Java",
    "X".repeat(300)
  };

  private static final String[] MEMBER_NAMES = {
    "String", "Object", "Override", "Node", "Bindings", "FactoryCore", "Generated", "Throwable",
    "IndexOutOfBoundsException", "Ambient", "Creator", "Store", "Part0", "SteelmillLease",
    "SteelmillApp", "Top", "Leased"
  };

  /** Names that hide a package (or the generated class) if anything takes them. */
  private static final String[] HIDING_NAMES = {
    "io", "java", "javax", "SteelmillApp", "SteelmillLease"
  };

  /**
   * Seeded programs: daemons with hostile names (top level, nested, or in another package), a
   * root and a child factory with hostile member classes, sometimes a name that hides a package.
   * Without such a name the program must compile; with one it may be refused, cleanly.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomHostileNames(long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<String> names = new ArrayList<>(List.of(DAEMON_NAMES));
    java.util.Collections.shuffle(names, random);
    int count = 2 + random.nextInt(6);
    StringBuilder same = new StringBuilder();
    StringBuilder other = new StringBuilder("//FILE other.Outer\npackage other;\n"
        + "public class Outer {\n");
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = names.get(i);
      switch (random.nextInt(3)) {
        case 0 -> {
          same.append("@Daemon class ").append(name).append(" {}\n");
          refs.add("test." + name);
        }
        case 1 -> {
          same.append("class N").append(i).append(" { @Daemon static class ").append(name)
              .append(" {} }\n");
          refs.add("test.N" + i + "." + name);
        }
        default -> {
          other.append("  @io.steelmill.Daemon public static class ").append(name)
              .append(" {}\n");
          refs.add("other.Outer." + name);
        }
      }
    }
    StringBuilder params = new StringBuilder();
    for (int i = 0; i < refs.size(); i++) {
      params.append(i == 0 ? "" : ", ").append(refs.get(i)).append(" p").append(i);
    }
    same.append("@Daemon class Top { Top(").append(params).append(") {} }\n");
    boolean hiding = random.nextInt(4) == 0;
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      members.append(" class ").append(MEMBER_NAMES[random.nextInt(MEMBER_NAMES.length)])
          .append("Member").append(i).append(" {}");
      if (random.nextBoolean()) {
        String member = MEMBER_NAMES[random.nextInt(MEMBER_NAMES.length)];
        if (members.indexOf(" class " + member + " ") < 0) {
          members.append(" class ").append(member).append(" {}");
        }
      }
    }
    if (hiding) {
      String hide = HIDING_NAMES[random.nextInt(HIDING_NAMES.length)];
      members.append(random.nextBoolean() ? " class " + hide + " {}" : " int " + hide + " = 1;");
    }
    same.append("@Factory interface App { test.Top top(); ").append(refs.get(0))
        .append(" first();").append(members).append(" }\n");
    same.append("@Daemon class Leased { Leased(test.Top t, ").append(refs.get(refs.size() - 1))
        .append(" last) {} }\n");
    same.append("@Factory(parent = App.class) interface Lease { test.Leased l();")
        .append(members).append(" }\n");
    String text = same + other.append("}\n").toString();
    check("seed " + seed, text, null, !hiding);
  }

  static java.util.stream.LongStream seeds() {
    return java.util.stream.LongStream.range(1, 25);
  }

  /**
   * Compiles {@code text} in both modes: it must compile when {@code mustCompile}; otherwise,
   * when it fails, every error is a Steelmill diagnostic on a line of the user's files (of
   * {@code code} among them, when given), never a crash, and no factory was written.
   */
  static void check(String name, String text, ErrorCode code, boolean mustCompile) {
    List<JavaFileObject> files = HostileInputMoreTest.files(text);
    for (List<String> options :
        List.of(List.<String>of(), List.of("-Asteelmill.mode=simulation"))) {
      Compilation compilation =
          Compiler.compile(
              new Processor[] {new SteelmillProcessor()}, options,
              files.toArray(JavaFileObject[]::new));
      List<String> all = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
        all.add((d.getSource() == null ? "?" : d.getSource().getName()) + ":" + d.getLineNumber()
            + " " + d.getMessage(null));
      }
      String context = name + " " + options + ": " + all + "\n" + text;
      if (code == null && mustCompile) {
        assertThat(compilation.status()).as(context).isEqualTo(Compilation.Status.SUCCESS);
        continue;
      }
      if (code != null) {
        assertThat(compilation.status()).as(context).isEqualTo(Compilation.Status.FAILURE);
        assertThat(all).as(context).anyMatch(m -> m.contains(code.tag()) && m.contains("Fix: "));
      }
      for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
        String message = d.getMessage(null);
        assertThat(message).as(context).contains("[Steelmill/").doesNotContain("ProcessorCrash");
        assertThat(d.getSource()).as(context).isNotNull();
        assertThat(d.getSource().getName()).as(context).doesNotContain("Steelmill");
        assertThat(d.getLineNumber()).as(context).isPositive();
      }
    }
  }
}
