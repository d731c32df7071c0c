package io.steelmill.processor;

import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.LintRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per lint rule, each warning on its line; suppression, strictness, modes. */
class DeterminismLintTest {
  private static final List<String> SIMULATION = List.of("-Asteelmill.mode=simulation");

  /** A daemon whose body has {@code line} (marked with // here) among harmless ones. */
  private static JavaFileObject daemon(String... body) {
    List<String> lines = new ArrayList<>(List.of(
        "package test;",
        "import java.util.*;",
        "import java.util.concurrent.*;",
        "@io.steelmill.Daemon",
        "final class Worker {",
        "  Worker() {}",
        "  void work() throws Exception {",
        "    List<String> fine = new ArrayList<>();"));
    lines.addAll(List.of(body));
    lines.addAll(List.of("  }", "}"));
    return source("test.Worker", lines.toArray(String[]::new));
  }

  record Case(LintRule rule, String line) {
    @Override
    public String toString() {
      return rule + ": " + line.trim();
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(LintRule.WallClock, "    long t = System.currentTimeMillis(); // here"),
        new Case(LintRule.WallClock, "    long n = System.nanoTime(); // here"),
        new Case(LintRule.WallClock, "    java.time.Instant i = java.time.Instant.now(); // here"),
        new Case(LintRule.WallClock, "    Object d = java.time.LocalDateTime.now(); // here"),
        new Case(LintRule.WallClock, "    Object c = java.time.Clock.systemUTC(); // here"),
        new Case(LintRule.Sleep, "    Thread.sleep(10); // here"),
        new Case(LintRule.Thread, "    new Thread(() -> {}).start(); // here"),
        new Case(LintRule.Thread, "    ExecutorService e = Executors.newFixedThreadPool(4); // here"),
        new Case(LintRule.Thread, "    new java.util.Timer(); // here"),
        new Case(LintRule.Random, "    int r = new Random().nextInt(); // here"),
        new Case(LintRule.Random, "    double m = Math.random(); // here"),
        new Case(LintRule.Random, "    int l = ThreadLocalRandom.current().nextInt(); // here"),
        new Case(LintRule.Random, "    UUID u = UUID.randomUUID(); // here"),
        new Case(LintRule.Random, "    new java.security.SecureRandom(); // here"),
        new Case(LintRule.Async, "    CompletableFuture.supplyAsync(() -> 1).join(); // here"),
        new Case(LintRule.Async, "    new CompletableFuture<String>().thenApplyAsync(s -> s); // here"),
        new Case(LintRule.Async, "    new CompletableFuture<String>().orTimeout(1, TimeUnit.SECONDS); // here"),
        new Case(LintRule.Async, "    fine.parallelStream().count(); // here"),
        new Case(LintRule.UnorderedIteration, "    for (String s : Set.of(\"a\", \"b\")) { fine.add(s); } // here"),
        new Case(LintRule.UnorderedIteration, "    Map.of(\"a\", 1).keySet().forEach(fine::add); // here"),
        new Case(LintRule.DirectIo, "    new java.net.Socket(); // here"),
        new Case(LintRule.DirectIo, "    java.nio.file.Files.readString(java.nio.file.Path.of(\"x\")); // here"),
        new Case(LintRule.DirectIo, "    new java.io.FileOutputStream(\"x\").close(); // here"),
        // issue 14, item 8: the constructs the lint used to miss, and their relatives
        new Case(LintRule.WallClock, "    java.util.function.LongSupplier s = System::currentTimeMillis; // here"),
        new Case(LintRule.WallClock, "    java.util.function.LongSupplier s = System::nanoTime; // here"),
        new Case(LintRule.WallClock, "    Date d = new Date(); // here"),
        new Case(LintRule.WallClock, "    java.util.function.Supplier<Date> d = Date::new; // here"),
        new Case(LintRule.WallClock, "    Calendar c = Calendar.getInstance(); // here"),
        new Case(LintRule.WallClock, "    Calendar c = java.util.Calendar.getInstance(Locale.ROOT); // here"),
        new Case(LintRule.WallClock, "    Calendar c = new GregorianCalendar(); // here"),
        new Case(LintRule.WallClock, "    Object i = java.time.InstantSource.system(); // here"),
        new Case(LintRule.WallClock, "    Object y = java.time.Year.now(); // here"),
        new Case(LintRule.WallClock, "    java.util.function.Supplier<java.time.Instant> n = java.time.Instant::now; // here"),
        new Case(LintRule.Random, "    SplittableRandom r = new SplittableRandom(); // here"),
        new Case(LintRule.Random, "    java.util.function.Supplier<SplittableRandom> r = SplittableRandom::new; // here"),
        new Case(LintRule.Random, "    java.util.function.Supplier<Random> r = Random::new; // here"),
        new Case(LintRule.Random, "    Object g = java.util.random.RandomGenerator.getDefault(); // here"),
        new Case(LintRule.Random, "    Object g = java.util.random.RandomGenerator.of(\"L64X128MixRandom\"); // here"),
        new Case(LintRule.Random, "    Object g = java.util.random.RandomGeneratorFactory.getDefault().create(); // here"),
        new Case(LintRule.Random, "    Object g = java.security.SecureRandom.getInstanceStrong(); // here"),
        new Case(LintRule.Async, "    long c = java.util.stream.IntStream.range(0, 9).parallel().sum(); // here"),
        new Case(LintRule.Async, "    long c = java.util.stream.LongStream.range(0, 9).parallel().sum(); // here"),
        new Case(LintRule.Async, "    long c = fine.stream().parallel().count(); // here"),
        new Case(LintRule.Async, "    java.util.function.Supplier<java.util.stream.Stream<String>> p = fine::parallelStream; // here"),
        new Case(LintRule.Async, "    Arrays.parallelSort(new int[] {3, 1}); // here"),
        new Case(LintRule.Async, "    Arrays.parallelSetAll(new int[2], i -> i); // here"),
        new Case(LintRule.Async, "    java.util.stream.StreamSupport.stream(fine.spliterator(), true).count(); // here"),
        new Case(LintRule.Async, "    new ConcurrentHashMap<String, Integer>().forEach(1L, (k, v) -> {}); // here"),
        new Case(LintRule.Async, "    new RecursiveAction() { protected void compute() {} }.fork(); // here"),
        new Case(LintRule.Thread, "    ForkJoinPool p = new ForkJoinPool(); // here"),
        new Case(LintRule.Thread, "    ForkJoinPool p = new ForkJoinPool(4); // here"),
        new Case(LintRule.Thread, "    java.util.function.Supplier<ForkJoinPool> p = ForkJoinPool::new; // here"),
        new Case(LintRule.Thread, "    new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>()); // here"),
        new Case(LintRule.Thread, "    new ScheduledThreadPoolExecutor(1); // here"),
        new Case(LintRule.Thread, "    ThreadFactory f = Executors.defaultThreadFactory(); // here"),
        new Case(LintRule.Thread, "    java.util.function.Function<Runnable, Thread> t = Thread::new; // here"),
        new Case(LintRule.Identity, "    long id = Thread.currentThread().threadId(); // here"),
        new Case(LintRule.Identity, "    java.util.function.ToLongFunction<Thread> id = Thread::threadId; // here"),
        new Case(LintRule.Identity, "    int h = System.identityHashCode(fine); // here"),
        new Case(LintRule.Identity, "    java.util.function.ToIntFunction<Object> h = System::identityHashCode; // here"),
        new Case(LintRule.Environment, "    Object z = java.time.ZoneId.systemDefault(); // here"),
        new Case(LintRule.Environment, "    Object z = TimeZone.getDefault(); // here"),
        new Case(LintRule.Environment, "    int n = Runtime.getRuntime().availableProcessors(); // here"),
        new Case(LintRule.Environment, "    String v = System.getenv(\"HOME\"); // here"),
        new Case(LintRule.DirectIo, "    String[] names = new java.io.File(\".\").list(); // here"),
        new Case(LintRule.DirectIo, "    java.io.File[] files = new java.io.File(\".\").listFiles(); // here"),
        new Case(LintRule.DirectIo, "    boolean e = new java.io.File(\"x\").exists(); // here"),
        new Case(LintRule.DirectIo, "    java.util.function.Function<java.io.File, String[]> l = java.io.File::list; // here"),
        // redteam12b: calls whose target is chosen at run time, and processes and URLs
        new Case(LintRule.Reflection, "    Object t = System.class.getMethod(\"nanoTime\").invoke(null); // here"),
        new Case(LintRule.Reflection, "    Object r = Random.class.getConstructor().newInstance(); // here"),
        new Case(LintRule.Reflection, "    try { long t = (long) java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"nanoTime\", java.lang.invoke.MethodType.methodType(long.class)).invokeExact(); } catch (Throwable e) {} // here"),
        new Case(LintRule.Reflection, "    try { Object t = java.lang.invoke.MethodHandles.constant(long.class, 1L).invoke(); } catch (Throwable e) {} // here"),
        new Case(LintRule.Reflection, "    try { Object t = java.lang.invoke.MethodHandles.constant(long.class, 1L).invokeWithArguments(); } catch (Throwable e) {} // here"),
        new Case(LintRule.Reflection, "    java.util.function.LongSupplier s = java.lang.invoke.MethodHandleProxies.asInterfaceInstance(java.util.function.LongSupplier.class, java.lang.invoke.MethodHandles.constant(long.class, 1L)); // here"),
        new Case(LintRule.Reflection, "    java.util.function.BiFunction<java.lang.reflect.Method, Object, Object> f = (m, o) -> { try { return m.invoke(o); } catch (Exception e) { return e; } }; // here"),
        new Case(LintRule.DirectIo, "    new ProcessBuilder(\"date\").start(); // here"),
        new Case(LintRule.DirectIo, "    Runtime.getRuntime().exec(new String[] {\"date\"}); // here"),
        new Case(LintRule.DirectIo, "    java.net.URI.create(\"http://x\").toURL().openStream(); // here"),
        new Case(LintRule.DirectIo, "    Object c = java.net.http.HttpClient.newHttpClient(); // here"),
        new Case(LintRule.WallClock, "    long u = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(); // here"),
        new Case(LintRule.WallClock, "    long c = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); // here"),
        new Case(LintRule.DirectIo, "    java.nio.channels.Selector.open(); // here"),
        new Case(LintRule.DirectIo, "    java.nio.channels.AsynchronousSocketChannel.open(); // here"),
        new Case(LintRule.Identity, "    String s = \"worker \" + Thread.currentThread().getThreadGroup() + new Object[0]; // here"),
        new Case(LintRule.Identity, "    String s = \"\"; s += new int[] {1}; // here"),
        new Case(LintRule.Identity, "    String s = String.valueOf(new long[0]); // here"),
        new Case(LintRule.Identity, "    String s = Objects.toString(new Object[0], \"none\"); // here"),
        new Case(LintRule.Identity, "    int h = Objects.hash(\"a\", Thread.currentThread()); // here"),
        new Case(LintRule.Identity, "    int h = Objects.hashCode(TimeUnit.SECONDS); // here"),
        new Case(LintRule.Identity, "    new StringBuilder().append(1).append(new int[0]); // here"),
        new Case(LintRule.UnorderedIteration, "    for (TimeUnit u : new HashSet<TimeUnit>()) { fine.add(u.name()); } // here"),
        new Case(LintRule.UnorderedIteration, "    for (TimeUnit u : new HashSet<>(List.of(TimeUnit.SECONDS))) { fine.add(u.name()); } // here"),
        new Case(LintRule.UnorderedIteration, "    for (java.util.concurrent.TimeUnit u : new HashSet<java.util.concurrent.TimeUnit>()) { fine.add(u.name()); } // here"),
        new Case(LintRule.Monitor, "    synchronized (this) { wait(10); } // here"),
        new Case(LintRule.Monitor, "    synchronized (fine) { fine.wait(); } // here"),
        new Case(LintRule.UnorderedIteration, "    for (Thread t : new HashSet<Thread>()) { fine.add(t.getName()); } // here"),
        new Case(LintRule.UnorderedIteration, "    Map<Object, String> m = new HashMap<>(); for (String s : m.values()) { fine.add(s); } // here"),
        new Case(LintRule.UnorderedIteration, "    new HashMap<TimeUnit, String>().forEach((k, v) -> fine.add(v)); // here"),
        new Case(LintRule.UnorderedIteration, "    new IdentityHashMap<String, String>().keySet().forEach(fine::add); // here"),
        new Case(LintRule.UnorderedIteration, "    List<Thread> l = new ArrayList<>(new HashSet<Thread>()); // here"),
        new Case(LintRule.UnorderedIteration, "    List<String> l = List.copyOf(Set.of(\"a\", \"b\")); // here"),
        new Case(LintRule.UnorderedIteration, "    fine.addAll(Map.of(\"a\", \"b\").keySet()); // here"),
        new Case(LintRule.UnorderedIteration, "    String j = String.join(\",\", Set.of(\"a\", \"b\")); // here"),
        new Case(LintRule.Identity, "    int h = Thread.currentThread().hashCode(); // here"),
        new Case(LintRule.Identity, "    int h = TimeUnit.SECONDS.hashCode(); // here"),
        new Case(LintRule.Identity, "    String t = new Object().toString(); // here"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void warnsOnTheLineWithTheAlternative(Case c) {
    JavaFileObject file = daemon(c.line());
    Compilation compilation = compile(SIMULATION, file);

    assertThat(compilation.errors()).isEmpty();
    Diagnostic<? extends JavaFileObject> warning = only(compilation.warnings());
    assertThat(DiagnosticsTest.text(warning)).startsWith(c.rule().tag() + " ").contains("\nFix: ");
    assertThat(warning.getLineNumber()).isEqualTo(9);
  }

  @Test
  void mutableStaticFieldsAreReported() {
    Compilation compilation =
        compile(SIMULATION, source("test.Counter", "package test;", "@io.steelmill.Daemon",
            "final class Counter {", "  static int count; // here", "  static final int LIMIT = 3;",
            "  Counter() {}", "}"));
    Diagnostic<? extends JavaFileObject> warning = only(compilation.warnings());
    assertThat(DiagnosticsTest.text(warning)).startsWith(LintRule.MutableStatic.tag())
        .contains("static field count");
    assertThat(warning.getLineNumber()).isEqualTo(4);
  }

  @Test
  void everyRuleHasACase() {
    Set<LintRule> covered = cases().map(Case::rule).collect(Collectors.toCollection(() -> EnumSet.noneOf(LintRule.class)));
    covered.add(LintRule.MutableStatic);
    covered.add(LintRule.Unavailable);
    assertThat(covered).isEqualTo(EnumSet.allOf(LintRule.class));
  }

  @Test
  void helpersInTheSameCompilationAreFollowedOnce() {
    Compilation compilation = compile(SIMULATION,
        source("test.Stamps", "package test;", "final class Stamps {",
            "  static long stamp() {", "    return System.currentTimeMillis(); // here", "  }", "}"),
        source("test.Worker", "package test;", "@io.steelmill.Daemon", "final class Worker {",
            "  Worker() {}", "  long a() { return Stamps.stamp(); }",
            "  long b() { return Stamps.stamp(); }", "}"));
    Diagnostic<? extends JavaFileObject> warning = only(compilation.warnings());
    assertThat(DiagnosticsTest.text(warning)).startsWith(LintRule.WallClock.tag());
    assertThat(warning.getSource().getName()).endsWith("Stamps.java");
    assertThat(warning.getLineNumber()).isEqualTo(4);
  }

  /**
   * A compiler without javac's Trees API (ECJ-style: the environment is not javac's): the lint
   * says once that it did not run, an error when strict, where there is a daemon it would have
   * linted; a compilation with nothing to lint says nothing (it used to warn in every one).
   */
  @Test
  void aCompilerWithoutTreesSaysTheLintDidNotRunWhereThereIsADaemon() {
    for (boolean strict : new boolean[] {false, true}) {
      List<String> options = List.of("-Asteelmill.mode=simulation",
          "-Asteelmill.strict=" + strict);
      Compilation compilation = Compiler.compile(
          new javax.annotation.processing.Processor[] {new NotJavac(new SteelmillProcessor())},
          options,
          source("test.Worker", "package test;", "@io.steelmill.Daemon class Worker {}",
              "@io.steelmill.Daemon class Other {}"),
          source("test.App", "package test;",
              "@io.steelmill.Factory interface App { Worker w(); Other o(); }"));
      List<Diagnostic<? extends JavaFileObject>> said = new ArrayList<>(compilation.errors());
      said.addAll(compilation.warnings());
      assertThat(said).singleElement()
          .satisfies(d -> assertThat(DiagnosticsTest.text(d))
              .startsWith(LintRule.Unavailable.tag())
              .contains("This compiler offers no javac Trees API")
              .contains("Fix: compile with javac"))
          .satisfies(d -> assertThat(d.getKind())
              .isEqualTo(strict ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING));

      Compilation plain = Compiler.compile(
          new javax.annotation.processing.Processor[] {new NotJavac(new SteelmillProcessor()),
              new NotJavac(new SteelmillOptionsProcessor())},
          options, source("test.Plain", "package test;", "class Plain {}"));
      assertThat(plain.diagnostics()).as(plain.diagnostics().toString()).isEmpty();
    }
  }

  /** Runs a processor in javac, its environment hidden behind a proxy: no Trees API for it. */
  private static final class NotJavac extends javax.annotation.processing.AbstractProcessor {
    private final javax.annotation.processing.Processor delegate;

    NotJavac(javax.annotation.processing.Processor delegate) {
      this.delegate = delegate;
    }

    @Override
    public java.util.Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public java.util.Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public javax.lang.model.SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment real) {
      super.init(real);
      delegate.init((javax.annotation.processing.ProcessingEnvironment)
          java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
              new Class<?>[] {javax.annotation.processing.ProcessingEnvironment.class},
              (proxy, method, args) -> method.invoke(real, args)));
    }

    @Override
    public boolean process(java.util.Set<? extends javax.lang.model.element.TypeElement> types,
        javax.annotation.processing.RoundEnvironment round) {
      return delegate.process(types, round);
    }
  }

  @Test
  void deterministicCodeIsQuiet() {
    Compilation compilation = compile(SIMULATION, daemon(
        "    new Random(42).nextInt();",
        "    Collections.shuffle(fine, new Random(7));",
        "    CompletableFuture.supplyAsync(() -> 1, Runnable::run).join();",
        "    for (String s : new LinkedHashSet<>(fine)) { fine.add(s); }",
        "    Thread.ofVirtual().start(() -> {});",
        "    new Date(0L);",
        "    new SplittableRandom(42).nextInt();",
        "    java.util.random.RandomGeneratorFactory.getDefault().create(42L);",
        "    java.time.Instant.now(java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));",
        "    for (String s : new HashSet<String>(fine)) { fine.add(s); }",
        "    for (TimeUnit u : EnumSet.allOf(TimeUnit.class)) { fine.add(u.name()); }",
        "    java.util.stream.StreamSupport.stream(fine.spliterator(), false).count();",
        "    new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),",
        "        Thread.ofVirtual().factory()).shutdown();",
        "    new ConcurrentHashMap<String, Integer>().forEach((k, v) -> {});",
        "    java.util.function.Supplier<List<String>> copy = ArrayList::new;",
        "    List<String> sorted = new ArrayList<>(new TreeSet<>(Set.of(\"a\")));",
        "    Set<String> again = new HashSet<>(Set.of(\"a\"));",
        "    int h = \"text\".hashCode() + fine.hashCode() + TimeUnit.SECONDS.toString().length();",
        "    String t = \"n\" + 1 + TimeUnit.SECONDS + fine + String.valueOf(new char[] {'a'})",
        "        + Objects.toString(fine) + Objects.hash(\"a\", 1, TimeUnit.SECONDS.name()) + new StringBuilder().append(new char[1]);",
        "    Object any = fine; String u = \"any \" + any + Thread.currentThread() + java.time.Duration.ZERO;"));
    assertThat(compilation.warnings()).isEmpty();
  }

  /** Static imports and fully qualified names resolve to the same methods. */
  @Test
  void staticImportsAreSeen() {
    Compilation compilation = compile(SIMULATION, source("test.Worker", "package test;",
        "import static java.lang.System.currentTimeMillis;",
        "import static java.util.Arrays.parallelSort;",
        "import static java.time.ZoneId.systemDefault;",
        "@io.steelmill.Daemon", "final class Worker {", "  Worker() {}",
        "  long a() { return currentTimeMillis(); }",
        "  void b(int[] values) { parallelSort(values); }",
        "  Object c() { return systemDefault(); }",
        "  Object d() { return java.util.Calendar.getInstance(); }", "}"));
    assertThat(compilation.warnings().stream().map(d -> d.getLineNumber()).toList())
        .containsExactly(8L, 9L, 10L, 11L);
    assertThat(compilation.warnings().stream().map(DiagnosticsTest::text).toList())
        .satisfiesExactly(
            m -> assertThat(m).startsWith(LintRule.WallClock.tag()),
            m -> assertThat(m).startsWith(LintRule.Async.tag()),
            m -> assertThat(m).startsWith(LintRule.Environment.tag()),
            m -> assertThat(m).startsWith(LintRule.WallClock.tag()));
  }

  @Test
  void suppressionOnAMethodOrAClassSilencesIt() {
    Compilation onMethod = compile(SIMULATION, source("test.Worker", "package test;",
        "@io.steelmill.Daemon", "final class Worker {", "  Worker() {}",
        "  @SuppressWarnings(\"steelmill:determinism\")",
        "  long stamp() { return System.currentTimeMillis(); }",
        "  long other() { return System.nanoTime(); }", "}"));
    assertThat(onMethod.warnings()).hasSize(1);
    assertThat(only(onMethod.warnings()).getLineNumber()).isEqualTo(7);

    Compilation onClass = compile(SIMULATION, source("test.Worker", "package test;",
        "@SuppressWarnings(\"steelmill:determinism\")", "@io.steelmill.Daemon", "final class Worker {",
        "  Worker() {}", "  long stamp() { return System.currentTimeMillis(); }", "}"));
    assertThat(onClass.warnings()).isEmpty();
  }

  @Test
  void strictTurnsWarningsIntoErrors() {
    Compilation compilation = compile(
        List.of("-Asteelmill.mode=simulation", "-Asteelmill.strict=true"),
        daemon("    Thread.sleep(10); // here"));
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(DiagnosticsTest.text(only(compilation.errors()))).startsWith(LintRule.Sleep.tag());
  }

  @Test
  void productionBuildsAreSilentUnlessAsked() {
    assertThat(compile(List.of(), daemon("    Thread.sleep(10);")).warnings()).isEmpty();
    assertThat(compile(List.of("-Asteelmill.lint=all"), daemon("    Thread.sleep(10);")).warnings())
        .hasSize(1);
  }

  private static Diagnostic<? extends JavaFileObject> only(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    assertThat(diagnostics).as(diagnostics.stream().map(d -> d.getMessage(null)).toList().toString()).hasSize(1);
    return diagnostics.get(0);
  }
}
