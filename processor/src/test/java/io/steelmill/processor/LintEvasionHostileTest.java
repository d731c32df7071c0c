package io.steelmill.processor;

import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.LintRule;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ways a daemon's nondeterminism hid from the lint: code the daemon runs without naming it (an
 * inherited {@code run()}, a helper's constructor, field initializer or static initializer, a
 * method reference to a helper), classes that are a flagged class under another name (anonymous
 * and named subclasses of {@code Thread} or {@code Random}), and relatives of flagged calls
 * ({@code Clock.tickMillis}). Each case must warn once, of its rule, on the line marked {@code
 * // here}, in whichever file holds it.
 */
class LintEvasionHostileTest {
  private static final List<String> SIMULATION = List.of("-Asteelmill.mode=simulation");

  record Case(String name, LintRule rule, String file, List<JavaFileObject> sources) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case of(String name, LintRule rule, String file, JavaFileObject... sources) {
    return new Case(name, rule, file, List.of(sources));
  }

  private static JavaFileObject daemon(String... body) {
    String[] lines = Stream.concat(Stream.of("package test;", "import java.util.*;",
        "@io.steelmill.Daemon", "final class Worker {", "  Worker() {}"),
        Stream.concat(Stream.of(body), Stream.of("}"))).toArray(String[]::new);
    return source("test.Worker", lines);
  }

  static Stream<Case> cases() {
    return Stream.of(
        of("an inherited run() of a base class", LintRule.WallClock, "Base.java",
            source("test.Base", "package test;", "abstract class Base implements Runnable {",
                "  public void run() {", "    long t = System.nanoTime(); // here", "  }", "}"),
            source("test.Worker", "package test;", "@io.steelmill.Daemon",
                "final class Worker extends Base {", "  Worker() {}", "}")),
        of("an inherited default method of an interface", LintRule.Sleep, "Ticking.java",
            source("test.Ticking", "package test;", "interface Ticking extends Runnable {",
                "  default void run() {",
                "    try { Thread.sleep(5); } catch (Exception e) {} // here",
                "  }", "}"),
            source("test.Worker", "package test;", "@io.steelmill.Daemon",
                "final class Worker implements Ticking {", "  Worker() {}", "}")),
        of("a helper's constructor", LintRule.WallClock, "Stamp.java",
            source("test.Stamp", "package test;", "final class Stamp {", "  final long at;",
                "  Stamp() {", "    at = System.currentTimeMillis(); // here", "  }", "}"),
            daemon("  Stamp make() { return new Stamp(); }")),
        of("a helper record's compact constructor", LintRule.Random, "Id.java",
            source("test.Id", "package test;", "record Id(long value) {",
                "  Id {", "    value ^= new java.util.Random().nextLong(); // here", "  }", "}"),
            daemon("  Id make() { return new Id(1); }")),
        of("a helper's field initializer", LintRule.WallClock, "Stamp.java",
            source("test.Stamp", "package test;", "final class Stamp {",
                "  final java.time.Instant at = java.time.Instant.now(); // here", "}"),
            daemon("  Stamp make() { return new Stamp(); }")),
        of("a helper's static initializer", LintRule.Random, "Seeds.java",
            source("test.Seeds", "package test;", "final class Seeds {",
                "  static final long SEED;", "  static {",
                "    SEED = java.util.UUID.randomUUID().getLeastSignificantBits(); // here", "  }",
                "  static long seed() { return SEED; }", "}"),
            daemon("  long seed() { return Seeds.seed(); }")),
        of("a method reference to a helper", LintRule.WallClock, "Stamps.java",
            source("test.Stamps", "package test;", "final class Stamps {",
                "  static long now() {", "    return System.currentTimeMillis(); // here", "  }",
                "}"),
            daemon("  java.util.function.LongSupplier clock() { return Stamps::now; }")),
        of("a helper's constructor by reference", LintRule.WallClock, "Stamp.java",
            source("test.Stamp", "package test;", "final class Stamp {", "  final long at;",
                "  Stamp() {", "    at = System.nanoTime(); // here", "  }", "}"),
            daemon("  java.util.function.Supplier<Stamp> maker() { return Stamp::new; }")),
        of("an anonymous Thread", LintRule.Thread, "Worker.java",
            daemon("  void go() {", "    new Thread() { public void run() {} }.start(); // here",
                "  }")),
        of("an anonymous Random", LintRule.Random, "Worker.java",
            daemon("  int roll() {", "    return new Random() { }.nextInt(); // here", "  }")),
        of("a named Thread subclass", LintRule.Thread, "Worker.java",
            source("test.Pump", "package test;", "final class Pump extends Thread {",
                "  Pump() { super(\"pump\"); }", "}"),
            daemon("  void go() {", "    new Pump().start(); // here", "  }")),
        of("a named Timer subclass", LintRule.Thread, "Worker.java",
            source("test.Ticker", "package test;", "final class Ticker extends java.util.Timer {",
                "  Ticker() { super(true); }", "}"),
            daemon("  Object go() {", "    return new Ticker(); // here", "  }")),
        // linting these during processing made javac refuse the record's canonical constructor
        of("a record daemon with a compact constructor", LintRule.WallClock, "Worker.java",
            source("test.Worker", "package test;", "@io.steelmill.Daemon",
                "record Worker(long start) {", "  Worker {",
                "    start += System.nanoTime(); // here", "  }", "}")),
        of("a record daemon with a canonical constructor", LintRule.Random, "Worker.java",
            source("test.Worker", "package test;", "@io.steelmill.Daemon",
                "record Worker(double start) {", "  Worker(double start) {",
                "    this.start = Math.random(); // here", "  }", "}")),
        of("a daemon holding a nested and a local record", LintRule.Sleep, "Worker.java",
            daemon("  record Pair(int a, int b) { Pair { if (a > b) { a = b; } } }",
                "  void go() throws Exception {",
                "    record Local(int x) { Local { x = Math.abs(x); } }",
                "    Thread.sleep(new Pair(1, 2).a() + new Local(3).x()); // here", "  }")),
        of("Clock.tickMillis", LintRule.WallClock, "Worker.java",
            daemon("  Object clock() {",
                "    return java.time.Clock.tickMillis(java.time.ZoneOffset.UTC); // here", "  }")),
        of("Clock.tickSeconds", LintRule.WallClock, "Worker.java",
            daemon("  Object clock() {",
                "    return java.time.Clock.tickSeconds(java.time.ZoneOffset.UTC); // here",
                "  }")),
        of("a static import of nanoTime", LintRule.WallClock, "Worker.java",
            source("test.Worker", "package test;", "import static java.lang.System.nanoTime;",
                "@io.steelmill.Daemon", "final class Worker {", "  Worker() {}",
                "  long t() {", "    return nanoTime(); // here", "  }", "}")),
        of("a static import of Math.random", LintRule.Random, "Worker.java",
            source("test.Worker", "package test;", "import static java.lang.Math.random;",
                "@io.steelmill.Daemon", "final class Worker {", "  Worker() {}",
                "  double r() {", "    return random(); // here", "  }", "}")),
        // redteam12b: code a daemon runs through an interface, and a daemon that is a thread
        of("a helper's method called through an interface it implements", LintRule.WallClock,
            "Helper.java",
            source("test.Helper", "package test;", "final class Helper implements Runnable {",
                "  public void run() {", "    System.nanoTime(); // here", "  }", "}"),
            daemon("  void go() {", "    Runnable r = new Helper();", "    r.run();", "  }")),
        of("a helper held as a functional interface, its method never named",
            LintRule.Random, "Clock.java",
            source("test.Clock", "package test;",
                "final class Clock implements java.util.function.LongSupplier {",
                "  public long getAsLong() {", "    return (long) (Math.random() * 9); // here",
                "  }", "}"),
            daemon("  final java.util.function.LongSupplier s = new Clock();")),
        of("a helper's inherited method, the helper made by a factory method",
            LintRule.Sleep, "Base.java",
            source("test.Base", "package test;", "abstract class Base implements Runnable {",
                "  public void run() {", "    try { Thread.sleep(1); } catch (InterruptedException e) {} // here",
                "  }", "}"),
            source("test.Impl", "package test;", "final class Impl extends Base {",
                "  static Runnable make() { return new Impl(); }", "}"),
            daemon("  final Runnable r = Impl.make();")),
        of("a daemon that is a thread", LintRule.Thread, "Worker.java",
            source("test.Worker", "package test;",
                "@io.steelmill.Daemon final class Worker extends Thread { // here",
                "  Worker() {}", "}")),
        of("a daemon that is a timer through a base class", LintRule.Thread, "Worker.java",
            source("test.Ticks", "package test;", "abstract class Ticks extends java.util.Timer {}"),
            source("test.Worker", "package test;",
                "@io.steelmill.Daemon final class Worker extends Ticks { // here", "}")),
        of("a ThreadLocalRandom method reference", LintRule.Random, "Worker.java",
            daemon("  Object r() {",
                "    java.util.function.Supplier<?> s =",
                "        java.util.concurrent.ThreadLocalRandom::current; // here",
                "    return s;", "  }")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void warnsWhereTheCodeIs(Case c) {
    Compilation compilation = compile(SIMULATION, c.sources().toArray(JavaFileObject[]::new));
    assertThat(compilation.errors()).as(c.name()).isEmpty();
    List<Diagnostic<? extends JavaFileObject>> warnings = List.copyOf(compilation.warnings());
    assertThat(warnings).as(c.name() + ": " + warnings.stream()
        .map(d -> d.getMessage(null)).toList()).hasSize(1);
    Diagnostic<? extends JavaFileObject> warning = warnings.get(0);
    assertThat(DiagnosticsTest.text(warning)).as(c.name()).startsWith(c.rule().tag() + " ");
    assertThat(warning.getSource().getName()).as(c.name()).endsWith(c.file());
    String marked = c.sources().stream().filter(s -> s.getName().endsWith(c.file()))
        .findFirst().map(LintEvasionHostileTest::content).orElseThrow();
    List<String> lines = marked.lines().toList();
    assertThat(lines.get((int) warning.getLineNumber() - 1)).as(c.name()).contains("// here");
  }

  private static String content(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
