package io.steelmill.processor;

import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.HostileInputMoreTest.Program;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A red team's battery (redteam12d), each program compiled in both modes: what a strict build
 * demands of generated code ({@code -Xlint:all -Werror}: deprecated and removed daemons, generic
 * and raw keys, children), options given to a compilation with no Steelmill annotation (a Maven
 * profile passes them to every compilation), records whose components carry qualifiers, and user
 * classes named like what generated code now names. Programs that compile are run: every entry
 * point of every node returns an instance, and the daemons check what they were given.
 */
class RedTeam12dHostileTest {
  private static Program ok(String name, String text) {
    return new Program(name, null, true, text);
  }

  private static Program wrong(String name, ErrorCode code, String text) {
    return new Program(name, code, false, text);
  }

  static Stream<Program> programs() {
    return Stream.of(strictBuilds(), records(), accessorNames(), hierarchies())
        .flatMap(List::stream);
  }

  /** Legal programs in one file per class, as a strict build compiles them. */
  static List<Program> strictBuilds() {
    String old = "//FILE test.Old\npackage test;\n@Deprecated @io.steelmill.Daemon public class Old"
        + " {}\n";
    String gone = "//FILE test.Gone\npackage test;\n@Deprecated(forRemoval = true)"
        + " @io.steelmill.Daemon public class Gone {}\n";
    return List.of(
        ok("a deprecated daemon and one deprecated for removal, in a strict build", old + gone
            + "//FILE test.App\npackage test;\n@SuppressWarnings({\"deprecation\", \"removal\"})"
            + " @io.steelmill.Factory interface App { Old old(); Gone gone(); }"),
        ok("daemons deprecated for removal needed by a daemon and a child", old + gone
            + "//FILE test.Store\npackage test;\n@io.steelmill.Daemon public class Store {"
            + " @SuppressWarnings({\"deprecation\", \"removal\"}) Store(Old o, Gone g) {} }\n"
            + "//FILE test.App\npackage test;\n@io.steelmill.Factory interface App { Store s(); }\n"
            + "//FILE test.Lease\npackage test;\n@SuppressWarnings({\"deprecation\", \"removal\"})"
            + " @io.steelmill.Factory(parent = App.class) interface Lease { Gone g(); }"),
        ok("a factory deprecated for removal and its deprecated entry point",
            "//FILE test.Store\npackage test;\n@io.steelmill.Daemon class Store {}\n"
                + "//FILE test.App\npackage test;\n@Deprecated(forRemoval = true)"
                + " @io.steelmill.Factory interface App { @Deprecated Store s(); }"),
        ok("generic, nested generic and raw keys in a strict build",
            "//FILE test.Store\npackage test;\nimport java.util.*;\n@io.steelmill.Daemon class"
                + " Store { @SuppressWarnings(\"rawtypes\") Store(List<String> l,"
                + " Map<String, List<Integer>> m, Map raw) {} }\n"
                + "//FILE test.App\npackage test;\nimport java.util.*;\n"
                + "@SuppressWarnings(\"rawtypes\") @io.steelmill.Factory interface App {"
                + " Store s(); List<String> names(); io.steelmill.runtime.Provider<Map<String,"
                + " List<Integer>>> m();\n"
                + "  @io.steelmill.Provides static List<String> l() { return List.of(\"a\"); }\n"
                + "  @io.steelmill.Provides static Map<String, List<Integer>> m2() {"
                + " return Map.of(); }\n"
                + "  @io.steelmill.Provides static Map raw() { return new HashMap(); } }"),
        ok("a user class named SuppressWarnings beside the generated factory",
            "//FILE test.SuppressWarnings\npackage test;\n@io.steelmill.Daemon class"
                + " SuppressWarnings {}\n"
                + "//FILE test.App\npackage test;\n@io.steelmill.Factory interface App {"
                + " SuppressWarnings s(); }"));
  }

  /** jakarta.inject's {@code @Named} as its jar declares it (no target: every element). */
  private static final String JAKARTA_NAMED = "//FILE jakarta.inject.Qualifier\n"
      + "package jakarta.inject;\n@java.lang.annotation.Retention(java.lang.annotation"
      + ".RetentionPolicy.RUNTIME) public @interface Qualifier {}\n"
      + "//FILE jakarta.inject.Named\npackage jakarta.inject;\n@Qualifier"
      + " @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
      + " public @interface Named { String value() default \"\"; }\n"
      + "//FILE test.App\npackage test;\nimport io.steelmill.*;\n";

  /** Records whose components carry qualifiers: javac copies them onto fields and accessors. */
  static List<Program> records() {
    String provides = "@Factory interface App { Store store();\n"
        + "  @Provides @Named(\"a\") static String a() { return \"a\"; }\n"
        + "  @Provides static String plain() { return \"plain\"; } }";
    return List.of(
        ok("a record daemon with a @Named component", "@Daemon record Store(@Named(\"a\")"
            + " String s) { Store { if (!s.equals(\"a\")) throw new IllegalStateException(s); } }\n"
            + provides),
        ok("a record daemon with a @Named component and no constructor of its own",
            "@Daemon record Store(@Named(\"a\") String s, String t) {}\n" + provides),
        ok("a record daemon with a @Named component and its own accessor",
            "@Daemon record Store(@Named(\"a\") String s) { public String s() { return s; }"
                + " Store { if (!s.equals(\"a\")) throw new IllegalStateException(s); } }\n"
                + provides),
        ok("a record daemon whose canonical constructor repeats @Named",
            "@Daemon record Store(@Named(\"a\") String s) { Store(@Named(\"a\") String s) {"
                + " if (!s.equals(\"a\")) throw new IllegalStateException(s); this.s = s; } }\n"
                + provides),
        ok("a record daemon with a custom qualifier component",
            "@Qualifier @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy"
                + ".RUNTIME) @interface Tier { String value(); }\n"
                + "@Daemon record Store(@Tier(\"gold\") String s) { Store { if (!s.equals(\"g\"))"
                + " throw new IllegalStateException(s); } }\n"
                + "@Factory interface App { Store store();\n"
                + "  @Provides @Tier(\"gold\") static String a() { return \"g\"; }\n"
                + "  @Provides static String plain() { return \"plain\"; } }"),
        ok("a record module's @Named component is not a daemon's",
            "record Config(@Named(\"x\") String s) {}\n@Factory interface App { String label();\n"
                + "  @Provides static String s() { return new Config(\"x\").s(); } }"),
        wrong("a record daemon whose canonical constructor drops @Named",
            ErrorCode.QualifierWithoutEffect,
            "@Daemon record Store(@Named(\"a\") String s) { Store(String s) { this.s = s; } }\n"
                + provides),
        wrong("a record daemon whose canonical constructor drops a custom qualifier",
            ErrorCode.QualifierWithoutEffect,
            "@Qualifier @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy"
                + ".RUNTIME) @interface Tier { String value(); }\n"
                + "@Daemon record Store(@Tier(\"gold\") String s) { Store(String s) {"
                + " this.s = s; } }\n"
                + "@Factory interface App { Store store();\n"
                + "  @Provides @Tier(\"gold\") static String a() { return \"g\"; }\n"
                + "  @Provides static String plain() { return \"plain\"; } }"),
        wrong("a record daemon whose canonical constructor drops jakarta's @Named",
            ErrorCode.QualifierWithoutEffect,
            JAKARTA_NAMED
                + "@Daemon record Store(@jakarta.inject.Named(\"a\") String s) { Store(String s) {"
                + " this.s = s; } }\n"
                + "@Factory interface App { Store store();\n"
                + "  @Provides @jakarta.inject.Named(\"a\") static String a() { return \"a\"; }\n"
                + "  @Provides static String plain() { return \"plain\"; } }"),
        ok("a record daemon with jakarta's @Named on a component",
            JAKARTA_NAMED
                + "@Daemon record Store(@jakarta.inject.Named(\"a\") String s) { Store {"
                + " if (!s.equals(\"a\")) throw new IllegalStateException(s); } }\n"
                + "@Factory interface App { Store store();\n"
                + "  @Provides @jakarta.inject.Named(\"a\") static String a() { return \"a\"; }\n"
                + "  @Provides static String plain() { return \"plain\"; } }"),
        wrong("a @Named written on a record's accessor only",
            ErrorCode.QualifierWithoutEffect,
            "@Daemon record Store(String s) { @Named(\"a\") public String s() { return s; } }\n"
                + provides));
  }

  /**
   * Keys whose generated accessor names collide even when spelled with their qualified names:
   * only letters and digits of a qualifier's text make the name, and a qualifier's package is
   * left out. Two accessors of one name made a factory that did not compile.
   */
  static List<Program> accessorNames() {
    String[] values = {"*/ /*", "\\\"\"\"\\", "\\", "\"\"\"", "a b", "a_b", "aB", "\\u000a",
        "\uD800", "\u2028x\r\n\t\0", ""};
    StringBuilder parameters = new StringBuilder();
    StringBuilder provides = new StringBuilder();
    StringBuilder checks = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String literal = literal(values[i]);
      parameters.append(i == 0 ? "" : ", ").append("@Named(").append(literal)
          .append(") String p").append(i);
      provides.append("  @Provides @Named(").append(literal).append(") static String v")
          .append(i).append("() { return \"").append(i).append("\"; }\n");
      checks.append(" if (!p").append(i).append(".equals(\"").append(i)
          .append("\")) throw new IllegalStateException(\"").append(i).append("\");");
    }
    return List.of(
        ok("named qualifiers alike in their letters and digits",
            "@Daemon class Store { Store(" + parameters + ") {" + checks + " } }\n"
                + "@Factory interface App { Store store(); @Named(\"a b\") String ab();\n"
                + provides + "}"),
        ok("qualifiers of one simple name from two packages",
            "//FILE a.Tier\npackage a;\n@io.steelmill.Qualifier"
                + " @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
                + " public @interface Tier { String value(); }\n"
                + "//FILE b.Tier\npackage b;\n@io.steelmill.Qualifier"
                + " @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
                + " public @interface Tier { String value(); }\n"
                + "//FILE test.App\npackage test;\nimport io.steelmill.*;\n"
                + "@Daemon class Store { Store(@a.Tier(\"x\") String a, @b.Tier(\"x\") String b) {"
                + " if (!a.equals(\"a\") || !b.equals(\"b\")) throw new IllegalStateException(); } }\n"
                + "@Factory interface App { Store store(); @b.Tier(\"x\") String tierB();\n"
                + "  @Provides @a.Tier(\"x\") static String a() { return \"a\"; }\n"
                + "  @Provides @b.Tier(\"x\") static String b() { return \"b\"; } }"),
        ok("daemons of one simple name in packages a and a_, and classes Store and store",
            "//FILE a.Disk\npackage a;\n@io.steelmill.Daemon public class Disk {}\n"
                + "//FILE a_.Disk\npackage a_;\n@io.steelmill.Daemon public class Disk {}\n"
                + "//FILE test.store\npackage test;\n@io.steelmill.Daemon class store {}\n"
                + "//FILE test.App\npackage test;\nimport io.steelmill.*;\n"
                + "@Daemon class Store {}\n@Daemon class STORE {}\n"
                + "@Daemon class Top { Top(Store a, store b, STORE c, a.Disk d, a_.Disk e) {} }\n"
                + "@Factory interface App { Top top(); a_.Disk disk(); store lower(); }"),
        ok("a key named like another key's numbered accessor",
            "@Daemon class Store { Store(@Named(\"a b\") String x, @Named(\"aB\") String y,"
                + " @Named(\"aB2\") String z) { if (!(x + y + z).equals(\"123\"))"
                + " throw new IllegalStateException(x + y + z); } }\n"
                + "@Factory interface App { Store store();\n"
                + "  @Provides @Named(\"a b\") static String x() { return \"1\"; }\n"
                + "  @Provides @Named(\"aB\") static String y() { return \"2\"; }\n"
                + "  @Provides @Named(\"aB2\") static String z() { return \"3\"; } }"));
  }

  /**
   * {@code value} as a Java string literal: control characters as octal escapes, the rest beyond
   * ASCII as Unicode escapes.
   */
  private static String literal(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else if (c < 0x80) {
        out.append(String.format("\\%03o", (int) c)); // a Unicode escape of \\n ends the line
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.append('"').toString();
  }

  /** Children, ambient daemons and modes in shapes the earlier batteries did not take. */
  static List<Program> hierarchies() {
    return List.of(
        ok("a child nested in its parent factory",
            "@Daemon class Store {}\n@Daemon class Worker { Worker(Store s) {} }\n"
                + "@Factory interface App { Store s();\n"
                + "  @Factory(parent = App.class) interface Lease { Worker w(); } }"),
        ok("a parent nested in its child factory",
            "@Daemon class Store {}\n@Daemon class Worker { Worker(Store s) {} }\n"
                + "@Factory(parent = Lease.App.class) interface Lease { Worker w();\n"
                + "  @Factory interface App { Store s(); } }"),
        ok("a record ambient daemon and an enum-free ambient chain asked by a grandchild",
            "@Ambient @Daemon record Pool() {}\n@Ambient @Daemon class Big { Big(Pool p) {} }\n"
                + "@Daemon class Store {}\n@Factory interface App { Store s(); }\n"
                + "@Factory(parent = App.class) interface L1 { Store s(); }\n"
                + "@Factory(parent = L1.class) interface L2 { Big big(); }"),
        ok("an ambient daemon taking a provider of another ambient one",
            "@Ambient @Daemon class A { A(Provider<B> b) {} }\n@Ambient @Daemon class B {"
                + " B(A a) {} }\n@Factory interface App { A a(); B b(); }"),
        wrong("an ambient daemon taking a provider of a per-node one",
            ErrorCode.AmbientDependsOnNode,
            "@Daemon class Disk {}\n@Ambient @Daemon class Pool { Pool(Provider<Disk> d) {} }\n"
                + "@Factory interface App { Pool pool(); }"),
        ok("a child's provides method taking the parent's daemon and a qualified parent key",
            "@Daemon class Store {}\n@Factory interface App { Store s();\n"
                + "  @Provides @Named(\"p\") static String p() { return \"p\"; } }\n"
                + "@Factory(parent = App.class) interface Lease { String s();\n"
                + "  @Provides static String s(Store st, @Named(\"p\") String p) {"
                + " return p + st; } }"),
        ok("a simulation daemon and a production provides of one key, asked by a child",
            "interface Clock {}\n@Simulation @Daemon class FakeClock implements Clock {}\n"
                + "@Factory interface App { @Production @Provides static Clock real() {"
                + " return new Clock() {}; }\n"
                + "  @Simulation @Provides static Clock fake(FakeClock f) { return f; } }\n"
                + "@Factory(parent = App.class) interface Lease { Clock c(); }"),
        wrong("a production-only daemon asked by a child in both modes", ErrorCode.ModeOnlyBinding,
            "@Production @Daemon class Real {}\n@Factory interface App {}\n"
                + "@Factory(parent = App.class) interface Lease { Real r(); }"),
        ok("the same daemon asked by a parent and by a child under two qualifiers",
            "@Daemon class Store {}\n@Factory interface App { Store s();\n"
                + "  @Provides @Named(\"x\") static Store x(Store s) { return s; } }\n"
                + "@Factory(parent = App.class) interface Lease { @Named(\"x\") Store x();"
                + " Store s(); }"),
        ok("a child creator provided to a parent daemon through a provider",
            "@Daemon class Store {}\n@Daemon class Hub { Hub(Provider<SteelmillLease.Creator> c)"
                + " {} }\n@Factory interface App { Hub hub(); }\n"
                + "@Factory(parent = App.class) interface Lease { Store s(); }"));
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
   * Users compile with {@code -Xlint:all -Werror}: the generated classes must warn about nothing
   * (before, they warned about every deprecated daemon, even without {@code -Xlint}, for one
   * deprecated for removal, about unchecked casts to generic keys and raw keys), so a build fails
   * only on warnings of the user's own lines.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("strictBuilds")
  void generatedCodeWarnsAboutNothingUnderXlintAllAndWerror(Program program) {
    for (List<String> mode : modes()) {
      List<String> options = new ArrayList<>(mode);
      options.addAll(List.of("-Xlint:all", "-Werror"));
      Compilation compilation = compile(options, program);
      String shown = program + " " + mode + ": " + compilation.diagnostics();
      assertThat(compilation.warnings()).as(shown).isEmpty();
      assertThat(compilation.status()).as(shown).isEqualTo(Compilation.Status.SUCCESS);
    }
  }

  /**
   * A Maven profile passes {@code -Asteelmill.*} to every compilation of a module, test sources
   * with no Steelmill annotation included: javac then said "The following options were not
   * recognized by any processor", which {@code -Werror} makes a failed build.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void optionsGivenToSourcesWithoutSteelmillAnnotationsAreNoWarning(List<String> mode) {
    List<String> options = new ArrayList<>(mode);
    options.addAll(List.of("-Asteelmill.strict=true", "-Asteelmill.lint=all", "-Werror"));
    Compilation compilation = Compiler.compile(options,
        source("test.PlainTest", "package test;", "class PlainTest {",
            "  @Deprecated void old() {}", "  @Override public String toString() { return \"\"; }",
            "}"));
    assertThat(compilation.warnings()).as(compilation.diagnostics().toString()).isEmpty();
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
  }

  /**
   * {@code -proc:only} (an IDE's or a build's processing pass): the factory is written, nothing
   * is compiled, nothing warns, also for a child and a simulation harness.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void procOnlyWritesTheFactoriesAndWarnsAboutNothing(List<String> mode) {
    List<String> options = new ArrayList<>(mode);
    options.addAll(List.of("-proc:only", "-Xlint:all", "-Werror"));
    Compilation compilation = compile(options, strictBuilds().get(1));
    assertThat(compilation.diagnostics()).as(compilation.diagnostics().toString()).isEmpty();
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(compilation.generatedSourceFiles().stream().map(JavaFileObject::getName))
        .anyMatch(n -> n.endsWith("test/SteelmillApp.java"))
        .anyMatch(n -> n.endsWith("test/SteelmillLease.java"));
  }

  /** A wrong option value is still judged in a compilation with no Steelmill annotation. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void aWrongOptionIsJudgedWithoutSteelmillAnnotations(List<String> mode) {
    List<String> options = new ArrayList<>(mode);
    options.add("-Asteelmill.strict=maybe");
    Compilation compilation = Compiler.compile(options,
        source("test.Plain", "package test;", "class Plain {}"));
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(HostileInputTest.messages(compilation))
        .anyMatch(m -> m.startsWith("[Steelmill/") && m.contains("\nFix: "))
        .noneMatch(m -> m.contains("ProcessorCrash"));
  }

  /** The record's dropped qualifier is reported on its component, with the fix that applies. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void aDroppedRecordQualifierIsReportedOnItsComponent(List<String> mode) {
    JavaFileObject store = source("test.Store", "package test;",
        "@io.steelmill.Daemon record Store(",
        "    @io.steelmill.Named(\"a\") String s) {",
        "  Store(String s) { this.s = s; }", "}");
    JavaFileObject app = source("test.App", "package test;", "import io.steelmill.*;",
        "@Factory interface App { Store store();",
        "  @Provides @Named(\"a\") static String a() { return \"a\"; }",
        "  @Provides static String plain() { return \"plain\"; } }");
    Compilation compilation = Compiler.compile(mode, store, app);
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(compilation.errors()).hasSize(1);
    Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    assertThat(DiagnosticsTest.text(error)).isEqualTo(
        "[Steelmill/QualifierWithoutEffect] @Named on s has no effect: the record's canonical"
            + " constructor declares s without it, so the key injected is not qualified.\n"
            + "Fix: write @Named on that constructor's parameter too (or use a compact"
            + " constructor).");
    assertThat(error.getSource().getName()).endsWith("Store.java");
    assertThat(error.getLineNumber()).isEqualTo(3);
  }

  /**
   * A module a parent and its child both list binds its keys twice in the child; the list of
   * bindings named the child for both ("M.p() (in factory Lease)" twice), so the user could not
   * tell which listing to remove.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void aModuleListedByAParentAndItsChildNamesBothFactories(List<String> mode) {
    Compilation compilation = Compiler.compile(mode, source("test.App", "package test;",
        "import io.steelmill.*;", "@Daemon class Worker { Worker(String x) {} }",
        "class M { @Provides static String p() { return \"x\"; } }",
        "@Factory(modules = M.class) interface App { String s(); }",
        "@Factory(parent = App.class, modules = M.class) interface Lease { Worker w(); }"));
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(HostileInputTest.messages(compilation)).containsExactly(
        "[Steelmill/DuplicateBinding] String is bound more than once:\n"
            + "    @Provides M.p() (in ancestor factory App)\n"
            + "    @Provides M.p() (in factory Lease)\n"
            + "    String is injected at\n"
            + "        [App > Lease] Worker(String x)\n"
            + "    Worker is requested at\n"
            + "        [App > Lease] Lease.w()\n"
            + "Fix: keep one binding, or tell them apart with a qualifier such as"
            + " @Named(\"...\").");
    assertThat(compilation.errors().get(0).getLineNumber()).isEqualTo(4);
  }

  static List<List<String>> modes() {
    return List.of(List.of(), List.of("-Asteelmill.mode=simulation"));
  }

  private static Compilation compile(List<String> options, Program program) {
    return Compiler.compile(new Processor[] {new SteelmillProcessor()}, options,
        HostileInputMoreTest.files(program.text()).toArray(JavaFileObject[]::new));
  }
}
