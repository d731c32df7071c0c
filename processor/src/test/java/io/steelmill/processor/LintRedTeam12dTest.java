package io.steelmill.processor;

import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.LintEvasionHostileTest.Case;
import io.steelmill.processor.diagnostics.LintRule;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A red team's lint cases (redteam12d). False negatives: files a daemon opens through {@code
 * java.io}'s and {@code java.util}'s printing, formatting, scanning and archive classes (by name,
 * {@code File} or {@code Path}, also by constructor reference), and the platform thread of {@code
 * Cleaner.create()}. False positives, which {@code -Asteelmill.strict=true} made errors on legal
 * programs: a stream of an unordered collection whose order never gets out ({@code sorted()}, a
 * key order, {@code count()}, an integer {@code sum()}), and the legal neighbours of the new rules
 * ({@code new PrintWriter(writer)}, {@code new Scanner(text)}, {@code Cleaner.create(factory)}).
 * Also: unordered collections reached through an alias, a later assignment or a view held in a
 * variable; {@code @SuppressWarnings} on an enum, record or interface, which the lint ignored;
 * one warning per place where code reached twice warned twice; collections spelled
 * as text ({@code toString}, concatenation, {@code String.valueOf}); and a concatenation in a
 * method's first statement, which javac had not typed yet when the lint read it.
 */
class LintRedTeam12dTest {
  private static final List<String> STRICT_SIMULATION =
      List.of("-Asteelmill.mode=simulation", "-Asteelmill.strict=true");

  /** A case whose one source is {@code test.Worker}, a daemon whose members are {@code body}. */
  static Case of(String name, LintRule rule, String... body) {
    return new Case(name, rule, "Worker.java", List.of(daemon(body)));
  }

  private static JavaFileObject daemon(String... body) {
    String[] lines = Stream.concat(Stream.of("package test;", "import java.util.*;",
        "import java.util.stream.*;", "@io.steelmill.Daemon", "final class Worker {",
        "  Worker() {}"), Stream.concat(Stream.of(body), Stream.of("}"))).toArray(String[]::new);
    return source("test.Worker", lines);
  }

  static Stream<Case> flagged() {
    return Stream.of(
        of("a PrintWriter opening a file by name", LintRule.DirectIo,
            "  void go() throws Exception {", "    new java.io.PrintWriter(\"out.txt\"); // here",
            "  }"),
        of("a PrintStream opening a File", LintRule.DirectIo,
            "  void go() throws Exception {",
            "    new java.io.PrintStream(new java.io.File(\"o\"), \"UTF-8\"); // here", "  }"),
        of("a Formatter writing a file", LintRule.DirectIo,
            "  void go() throws Exception {", "    new Formatter(\"out.txt\"); // here", "  }"),
        of("a Scanner reading a Path", LintRule.DirectIo,
            "  void go() throws Exception {",
            "    new Scanner(java.nio.file.Path.of(\"in.txt\")); // here", "  }"),
        of("a Scanner reading a File", LintRule.DirectIo,
            "  void go() throws Exception {",
            "    new Scanner(new java.io.File(\"in.txt\")); // here", "  }"),
        of("a ZipFile", LintRule.DirectIo,
            "  void go() throws Exception {", "    new java.util.zip.ZipFile(\"a.zip\"); // here",
            "  }"),
        of("a JarFile", LintRule.DirectIo,
            "  void go() throws Exception {", "    new java.util.jar.JarFile(\"a.jar\"); // here",
            "  }"),
        of("a PrintWriter by constructor reference", LintRule.DirectIo,
            "  interface Opener { Object open(String s) throws Exception; }",
            "  Opener opener() {", "    return java.io.PrintWriter::new; // here", "  }"),
        of("a Cleaner with its own thread", LintRule.Thread,
            "  Object go() {", "    return java.lang.ref.Cleaner.create(); // here", "  }"),
        of("a set of threads assigned after its declaration", LintRule.UnorderedIteration,
            "  void go() {", "    Set<Thread> s;", "    s = new HashSet<>();",
            "    for (Thread t : s) {} // here", "  }"),
        of("an alias of a set of threads", LintRule.UnorderedIteration,
            "  void go() {", "    Set<Thread> s = new HashSet<>();", "    Set<Thread> alias = s;",
            "    for (Thread t : alias) {} // here", "  }"),
        of("a parenthesized alias streamed", LintRule.UnorderedIteration,
            "  List<Thread> go() {", "    Set<Thread> s = new HashSet<>();",
            "    Collection<Thread> alias = (s);", "    return alias.stream().toList(); // here",
            "  }"),
        of("a key set of a thread-keyed map held in a variable", LintRule.UnorderedIteration,
            "  void go() {", "    Map<Thread, String> m = new HashMap<>();",
            "    Set<Thread> keys = m.keySet();", "    for (Thread t : keys) {} // here", "  }"),
        of("a field assigned a Set.of in the constructor's helper", LintRule.UnorderedIteration,
            "  private Set<String> names;", "  void init() { names = Set.of(\"a\", \"b\"); }",
            "  void go() {", "    for (String n : names) {} // here", "  }"),
        of("a Set.of concatenated into a message", LintRule.UnorderedIteration,
            "  String go() {", "    return \"members: \" + Set.of(\"a\", \"b\"); // here", "  }"),
        of("String.valueOf of a Map.of", LintRule.UnorderedIteration,
            "  String go() {", "    return String.valueOf(Map.of(1, 2, 3, 4)); // here", "  }"),
        of("toString of a set of threads", LintRule.UnorderedIteration,
            "  String go(Set<Thread> given) {", "    Set<Thread> s = new HashSet<>(given);",
            "    return s.toString(); // here", "  }"),
        of("an alias of a Set.of appended to a builder", LintRule.UnorderedIteration,
            "  String go() {", "    Set<Integer> s = Set.of(1, 2);", "    Collection<Integer> c = s;",
            "    return new StringBuilder().append(c).toString(); // here", "  }"),
        of("an array concatenated in a method's first statement", LintRule.Identity,
            "  String go() {", "    return \"x\" + new int[0]; // here", "  }"),
        of("an array appended with += in a method's first statement", LintRule.Identity,
            "  String go(String s) {", "    s += new Object[0]; // here", "    return s;", "  }"),
        of("a for loop over a thread set parameter in a method's first statement",
            LintRule.UnorderedIteration,
            "  void go(HashSet<Thread> s) {", "    for (Thread t : s) {} // here", "  }"),
        of("an enum nested in a daemon, reached twice, warns once", LintRule.WallClock,
            "  enum Kind { A; long at() {", "    return System.nanoTime(); // here",
            "  } }", "  long go() { return Kind.A.at(); }"));
  }

  static Stream<Case> legal() {
    return Stream.of(
        of("a sorted stream of a Set.of", null,
            "  List<Integer> go() { return Set.of(3, 1, 2).stream().sorted().toList(); }"),
        of("a sorted stream of a map's keys after a filter", null,
            "  void go(Map<String, Integer> m) { Map.of(\"a\", 1).keySet().stream()",
            "      .filter(k -> !k.isEmpty()).map(String::trim).sorted().forEach(k -> {}); }"),
        of("entries sorted by key", null,
            "  List<String> go() { return Map.of(\"a\", 1, \"b\", 2).entrySet().stream()",
            "      .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getKey).toList(); }"),
        of("natural order through Comparator", null,
            "  List<Integer> go() { return Set.of(3, 1).stream()",
            "      .sorted(Comparator.naturalOrder()).toList(); }"),
        of("counting a set of threads", null,
            "  long go() { Set<Thread> s = new HashSet<>(); return s.stream().count(); }"),
        of("an int sum of a Set.of", null,
            "  int go() { return Set.of(1, 2).stream().mapToInt(i -> i).sum(); }"),
        of("a long sum of mapped thread ids", null,
            "  long go() { Set<Object> s = new HashSet<>();",
            "    return s.stream().mapToLong(o -> 1L).sum(); }"),
        of("a PrintWriter over a writer", null,
            "  Object go() { return new java.io.PrintWriter(new java.io.StringWriter()); }"),
        of("a PrintStream over a byte array", null,
            "  Object go() { return new java.io.PrintStream(new java.io.ByteArrayOutputStream()); }"),
        of("a Scanner of a string", null, "  Object go() { return new Scanner(\"1 2 3\"); }"),
        of("a Formatter into a StringBuilder", null,
            "  Object go() { return new Formatter(new StringBuilder()); }"),
        of("suppression on a nested enum, record and interface", null,
            "  @SuppressWarnings(\"steelmill:determinism\") enum E { A;",
            "    long at() { return System.nanoTime(); } }",
            "  @SuppressWarnings(\"steelmill:determinism\") record R() {",
            "    long at() { return System.nanoTime(); } }",
            "  @SuppressWarnings(\"steelmill:determinism\") interface I {",
            "    default long at() { return System.nanoTime(); } }",
            "  long go() { return E.A.at() + new R().at(); }"),
        of("an alias of a set of strings", null,
            "  void go() { Set<String> s = new HashSet<>(); Set<String> a = s;",
            "    for (String x : a) {} }"),
        of("a set of strings and the size of a Set.of in a message", null,
            "  String go() { Set<String> s = new HashSet<>(List.of(\"a\"));",
            "    return \"n=\" + Set.of(1, 2).size() + s + String.valueOf(s); }"),
        of("a Cleaner given a thread factory", null,
            "  Object go(java.util.concurrent.ThreadFactory f) {",
            "    return java.lang.ref.Cleaner.create(f); }"));
  }

  private static Case in(String name, LintRule rule, String file, JavaFileObject... sources) {
    return new Case(name, rule, file, List.of(sources));
  }

  /**
   * Code the factory runs in a simulation without a {@code @Daemon} on it: {@code @Provides}
   * methods (of the factory or a module, and the helpers they call) and the implementation an
   * interface names for simulation mode. Neither was linted.
   */
  static Stream<Case> builtByTheFactory() {
    return Stream.of(
        in("a provides method of the factory reading the clock", LintRule.WallClock, "App.java",
            source("test.App", "package test;", "@io.steelmill.Factory interface App {",
                "  Long started();", "  @io.steelmill.Provides static Long startedAt() {",
                "    return System.currentTimeMillis(); // here", "  }", "}")),
        in("a module's provides method making an unseeded Random", LintRule.Random, "Mod.java",
            source("test.Mod", "package test;", "class Mod {",
                "  @io.steelmill.Provides static java.util.Random random() {",
                "    return new java.util.Random(); // here", "  }", "}"),
            source("test.App", "package test;",
                "@io.steelmill.Factory(modules = Mod.class) interface App {",
                "  java.util.Random random();", "}")),
        in("a helper a provides method constructs", LintRule.Thread, "Pump.java",
            source("test.Pump", "package test;", "final class Pump {",
                "  void go() {", "    new Thread(() -> {}).start(); // here", "  }", "}"),
            source("test.App", "package test;", "@io.steelmill.Factory interface App {",
                "  Pump pump();", "  @io.steelmill.Provides static Pump makePump() {",
                "    return new Pump();", "  }", "}")),
        in("the simulation implementation of an interface", LintRule.WallClock, "Fake.java",
            source("test.Disk", "package test;",
                "@io.steelmill.Production(Real.class) @io.steelmill.Simulation(Fake.class)",
                "interface Disk { long size(); }"),
            source("test.Real", "package test;", "class Real implements Disk {",
                "  public long size() { return 0; }", "}"),
            source("test.Fake", "package test;", "class Fake implements Disk {",
                "  public long size() {", "    return System.nanoTime(); // here", "  }", "}"),
            source("test.App", "package test;", "@io.steelmill.Factory interface App {",
                "  Disk disk();", "}")));
  }

  /** What never runs in a simulation build is not linted in one. */
  static Stream<Case> notRunInSimulation() {
    return Stream.of(
        in("a production daemon reading the system clock", null, "Real.java",
            source("test.Ticker", "package test;", "interface Ticker { long now(); }"),
            source("test.Real", "package test;", "@io.steelmill.Production @io.steelmill.Daemon",
                "class Real implements Ticker {",
                "  public long now() { return System.currentTimeMillis(); }", "}"),
            source("test.Fake", "package test;", "@io.steelmill.Simulation @io.steelmill.Daemon",
                "class Fake implements Ticker { public long now() { return 0; } }"),
            source("test.App", "package test;", "@io.steelmill.Factory interface App {",
                "  @io.steelmill.Production @io.steelmill.Provides static Ticker real(Real r) {",
                "    return r; }",
                "  @io.steelmill.Simulation @io.steelmill.Provides static Ticker fake(Fake f) {",
                "    return f; }", "  Ticker ticker();", "}")),
        in("a production provides method and implementation", null, "App.java",
            source("test.Disk", "package test;",
                "@io.steelmill.Production(Real.class) @io.steelmill.Simulation(Fake.class)",
                "interface Disk { long size(); }"),
            source("test.Real", "package test;", "class Real implements Disk {",
                "  public long size() { return new java.io.File(\"d\").length(); }", "}"),
            source("test.Fake", "package test;", "class Fake implements Disk {",
                "  public long size() { return 0; }", "}"),
            source("test.App", "package test;", "@io.steelmill.Factory interface App {",
                "  Disk disk(); Long at();",
                "  @io.steelmill.Production @io.steelmill.Provides static Long real() {",
                "    return System.nanoTime(); }",
                "  @io.steelmill.Simulation @io.steelmill.Provides static Long fake() {",
                "    return 0L; }", "}")),
        in("a generated class a daemon uses (protoc's messages hash a descriptor)", null,
            "Worker.java",
            source("test.Message", "package test;", "@javax.annotation.processing.Generated(\"x\")",
                "final class Message {", "  final Object descriptor = new Object();",
                "  @Override public int hashCode() { return descriptor.hashCode(); }", "}"),
            daemon("  int go() { return new Message().hashCode(); }")));
  }

  /** Orders that can still leak stay flagged: ties of a user's comparator, a double sum. */
  static Stream<Case> stillFlagged() {
    return Stream.of(
        of("a stream of a Set.of sorted by a comparator that ties", LintRule.UnorderedIteration,
            "  List<String> go() {",
            "    return Set.of(\"a\", \"bb\").stream() // here",
            "        .sorted(Comparator.comparing(String::length)).toList();", "  }"),
        of("a double sum of a Set.of", LintRule.UnorderedIteration,
            "  double go() {",
            "    return Set.of(0.1, 0.2).stream() // here",
            "        .mapToDouble(d -> d).sum();", "  }"),
        of("a peek before sorting", LintRule.UnorderedIteration,
            "  List<Integer> go(List<Integer> seen) {",
            "    return Set.of(1, 2).stream() // here",
            "        .peek(seen::add).sorted().toList();", "  }"),
        of("a stream collected to a list before sorting", LintRule.UnorderedIteration,
            "  List<Integer> go() {",
            "    List<Integer> l = Set.of(1, 2).stream().toList(); // here",
            "    return l.stream().sorted().toList();", "  }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"flagged", "stillFlagged", "builtByTheFactory"})
  void warnsWhereTheCodeIs(Case c) {
    new LintEvasionHostileTest().warnsWhereTheCodeIs(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"legal", "notRunInSimulation"})
  void legalCodeCompilesInStrictSimulationMode(Case c) {
    assertCompilesInStrictSimulationMode(c);
  }

  /** {@code c} compiles with the lint strict in simulation mode, without a diagnostic. */
  static void assertCompilesInStrictSimulationMode(Case c) {
    Compilation compilation = compile(STRICT_SIMULATION,
        c.sources().toArray(JavaFileObject[]::new));
    assertThat(compilation.diagnostics()).as(c.name()).isEmpty();
    assertThat(compilation.status()).as(c.name()).isEqualTo(Compilation.Status.SUCCESS);
  }
}
