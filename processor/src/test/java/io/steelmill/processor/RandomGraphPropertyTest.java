package io.steelmill.processor;

import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.Node;
import io.steelmill.runtime.Phase;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.tools.JavaFileObject;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random graphs, valid and invalid (cycles, missing bindings, duplicates), each with a failure
 * planned at a random phase of a random daemon. The processor must either report exactly the
 * right diagnostics, or generate a factory that builds exactly the reachable daemons in a
 * topological order, prepares them in that order, stops them in reverse, each once, and surfaces
 * the planned failure named. It never crashes. Plain JUnit over fixed seeds: the seed is in each
 * try's name and in every assertion message.
 */
class RandomGraphPropertyTest {
  private static final List<String> PHASES = List.of("construct", "prepare", "run", "stop");

  /** A random graph: daemon i depends on deps.get(i); -1 stands for the unbound type M. */
  record Spec(
      int size,
      List<List<Integer>> deps,
      List<Integer> entries,
      int duplicate,
      String failAt) {}

  /** Tries per run: each is a fixed seed, so a failure replays exactly. */
  private static final int TRIES = 60;

  /** Fixed seeds, spread by SplitMix64's increment so that neighbouring tries differ widely. */
  static LongStream seeds() {
    return LongStream.range(0, TRIES).map(i -> 0x5EED_0001L + i * 0x9E3779B97F4A7C15L);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void processorIsRightOnRandomGraphs(long seed) throws Exception {
    Spec spec = spec(new Random(seed));
    Set<Integer> reachable = reachable(spec);
    Set<ErrorCode> expected = expectedErrors(spec, reachable);

    Script.reset(spec.failAt());
    Compilation compilation = compile(sources(spec));

    List<String> messages =
        compilation.errors().stream().map(d -> d.getMessage(null)).toList();
    assertThat(messages).as("seed %d", seed).noneMatch(m -> m.contains("ProcessorCrash"));
    if (!expected.isEmpty()) {
      assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
      for (ErrorCode code : expected) {
        assertThat(messages).as("seed %d: %s", seed, code).anyMatch(m -> m.contains(code.tag()));
      }
      return;
    }
    assertThat(messages).as("seed %d", seed).isEmpty();
    run(spec, reachable, compilation);
  }

  /**
   * Failure injection at every phase of every daemon of one graph (a diamond under a chain), and
   * no failure at all: each case ends with every prepared daemon stopped exactly once, in reverse
   * order, and one exception that names the failure.
   */
  @org.junit.jupiter.api.Test
  void everyPhaseOfEveryDaemonFailsCleanly() throws Exception {
    List<List<Integer>> deps = List.of(List.of(), List.of(0), List.of(0), List.of(1, 2), List.of(3));
    Spec healthy = new Spec(5, deps, List.of(4), -1, "");
    Compilation compilation = compile(sources(healthy));
    assertThat(compilation.errors()).isEmpty();
    Set<Integer> reachable = reachable(healthy);
    int cases = 0;
    for (String failAt : allFailures(5)) {
      Spec spec = new Spec(5, deps, List.of(4), -1, failAt);
      Script.reset(failAt);
      run(spec, reachable, compilation);
      cases++;
    }
    assertThat(cases).isEqualTo(5 * PHASES.size() + 1);
  }

  private static List<String> allFailures(int size) {
    List<String> all = new ArrayList<>();
    all.add("");
    for (int i = 0; i < size; i++) {
      for (String phase : PHASES) {
        all.add("D" + i + ":" + phase);
      }
    }
    return all;
  }

  private static void run(Spec spec, Set<Integer> reachable, Compilation compilation)
      throws Exception {
    ClassLoader loader = ClassFiles.loader(ClassFiles.of(compilation));
    Node node = (Node) loader.loadClass("g.SteelmillG").getMethod("create").invoke(null);
    String failing = spec.failAt().isEmpty() ? "" : spec.failAt().substring(0, spec.failAt().indexOf(':'));
    String phase = spec.failAt().isEmpty() ? "" : spec.failAt().substring(failing.length() + 1);
    boolean fails = !failing.isEmpty() && reachable.contains(Integer.parseInt(failing.substring(1)));
    try {
      for (int entry : spec.entries()) {
        node.getClass().getMethod("e" + entry).invoke(node);
      }
    } catch (InvocationTargetException e) {
      assertThat(fails && phase.equals("construct")).as("unplanned " + e.getCause()).isTrue();
      assertFailure(e.getCause(), failing, Phase.CONSTRUCT);
      return;
    }
    List<String> built = node.builtDaemons();
    assertThat(new LinkedHashSet<>(built)).isEqualTo(names(reachable));
    assertThat(built).doesNotHaveDuplicates().isEqualTo(Script.of("construct"));
    assertTopological(spec, built);
    List<String> reversed = new ArrayList<>(built);
    Collections.reverse(reversed);

    if (fails && phase.equals("prepare")) {
      Throwable thrown = catchThrowable(node::start);
      assertFailure(thrown, failing, Phase.PREPARE);
      List<String> prepared = built.subList(0, built.indexOf(failing) + 1);
      assertThat(Script.of("prepare")).isEqualTo(prepared);
      List<String> stopped = new ArrayList<>(prepared.subList(0, prepared.size() - 1));
      Collections.reverse(stopped);
      assertThat(Script.of("stop")).isEqualTo(stopped);
      return;
    }
    node.start();
    assertThat(Script.of("prepare")).isEqualTo(built);
    if (fails && phase.equals("run")) {
      assertThat(node.awaitTermination(Duration.ofSeconds(10))).isTrue();
      assertFailure(node.failure().orElseThrow(), failing, Phase.RUN);
      assertThat(Script.of("stop")).isEqualTo(reversed);
      return;
    }
    Throwable closed = catchThrowable(node::close);
    if (fails && phase.equals("stop")) {
      assertFailure(closed, failing, Phase.STOP);
    } else {
      assertThat(closed).isNull();
    }
    assertThat(Script.of("stop")).isEqualTo(reversed);
  }

  private static void assertFailure(Throwable thrown, String daemon, Phase phase) {
    assertThat(thrown).isInstanceOf(FactoryException.class);
    FactoryException failure = (FactoryException) thrown;
    assertThat(failure.daemon()).isEqualTo(daemon);
    assertThat(failure.phase()).isEqualTo(phase);
    assertThat(failure.node()).isEqualTo("main");
  }

  private static Throwable catchThrowable(Runnable action) {
    try {
      action.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static void assertTopological(Spec spec, List<String> built) {
    for (String daemon : built) {
      int i = Integer.parseInt(daemon.substring(1));
      for (int dep : spec.deps().get(i)) {
        assertThat(built.indexOf("D" + dep)).as("D%d before %s", dep, daemon).isLessThan(built.indexOf(daemon));
      }
    }
  }

  // ---- the graph ------------------------------------------------------------------------------

  private static Spec spec(Random random) {
    int size = 2 + random.nextInt(6);
    boolean valid = random.nextInt(10) < 6;
    List<List<Integer>> deps = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Set<Integer> mine = new LinkedHashSet<>();
      int count = random.nextInt(4);
      for (int k = 0; k < count; k++) {
        int bound = valid ? i : size;
        if (bound > 0) {
          int dep = random.nextInt(bound);
          if (dep != i) {
            mine.add(dep);
          }
        }
      }
      if (!valid && random.nextInt(8) == 0) {
        mine.add(-1);
      }
      deps.add(List.copyOf(mine));
    }
    List<Integer> entries = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (random.nextInt(3) == 0 || (i == size - 1 && entries.isEmpty())) {
        entries.add(i);
      }
    }
    int duplicate = !valid && random.nextInt(5) == 0 ? random.nextInt(size) : -1;
    String failAt =
        random.nextBoolean() ? "D" + random.nextInt(size) + ":" + PHASES.get(random.nextInt(4)) : "";
    return new Spec(size, deps, entries, duplicate, failAt);
  }

  private static Set<Integer> reachable(Spec spec) {
    Set<Integer> seen = new LinkedHashSet<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>(spec.entries());
    while (!queue.isEmpty()) {
      int i = queue.poll();
      if (i >= 0 && seen.add(i)) {
        queue.addAll(spec.deps().get(i));
      }
    }
    return seen;
  }

  private static Set<ErrorCode> expectedErrors(Spec spec, Set<Integer> reachable) {
    Set<ErrorCode> errors = new LinkedHashSet<>();
    for (int i : reachable) {
      if (spec.deps().get(i).contains(-1)) {
        errors.add(ErrorCode.MissingBinding);
      }
    }
    if (reachable.contains(spec.duplicate())) {
      errors.add(ErrorCode.DuplicateBinding);
    }
    if (hasCycle(spec, reachable)) {
      errors.add(ErrorCode.DependencyCycle);
    }
    return errors;
  }

  /** Cycles among reachable daemons; a duplicated key has no single binding, so no edges. */
  private static boolean hasCycle(Spec spec, Set<Integer> reachable) {
    int[] color = new int[spec.size()];
    for (int i : reachable) {
      if (cycleFrom(spec, i, color)) {
        return true;
      }
    }
    return false;
  }

  private static boolean cycleFrom(Spec spec, int i, int[] color) {
    if (color[i] == 1) {
      return true;
    }
    if (color[i] == 2) {
      return false;
    }
    color[i] = 1;
    if (i != spec.duplicate()) {
      for (int dep : spec.deps().get(i)) {
        if (dep >= 0 && cycleFrom(spec, dep, color)) {
          return true;
        }
      }
    }
    color[i] = 2;
    return false;
  }

  private static Set<String> names(Set<Integer> daemons) {
    Set<String> names = new LinkedHashSet<>();
    daemons.forEach(i -> names.add("D" + i));
    return names;
  }

  private static JavaFileObject[] sources(Spec spec) {
    List<JavaFileObject> files = new ArrayList<>();
    for (int i = 0; i < spec.size(); i++) {
      List<String> params = new ArrayList<>();
      for (int dep : spec.deps().get(i)) {
        params.add(dep < 0 ? "M m" : "D" + dep + " d" + dep);
      }
      String name = "D" + i;
      files.add(
          source(
              "g." + name,
              "package g;",
              "import io.steelmill.processor.Script;",
              "@io.steelmill.Daemon",
              "public final class " + name + " implements io.steelmill.runtime.Lifecycle {",
              "  public " + name + "(" + String.join(", ", params) + ") {",
              "    Script.event(\"" + name + "\", \"construct\");",
              "  }",
              "  @Override public void prepare() { Script.event(\"" + name + "\", \"prepare\"); }",
              "  @Override public void run() { Script.event(\"" + name + "\", \"run\"); }",
              "  @Override public void stop() { Script.event(\"" + name + "\", \"stop\"); }",
              "}"));
    }
    files.add(source("g.M", "package g;", "public final class M {}"));
    List<String> factory = new ArrayList<>(List.of("package g;", "@io.steelmill.Factory", "public interface G {"));
    for (int entry : spec.entries()) {
      factory.add("  D" + entry + " e" + entry + "();");
    }
    if (spec.duplicate() >= 0) {
      factory.add("  @io.steelmill.Provides static D" + spec.duplicate() + " extra() { return null; }");
    }
    factory.add("}");
    files.add(source("g.G", factory.toArray(String[]::new)));
    return files.toArray(JavaFileObject[]::new);
  }
}
