package io.steelmill.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random factory hierarchies for the fixpoint that places each key at the nearest ancestor
 * declaring it: forests up to 7 deep and 24 wide, every factory declaring keys with {@code
 * Provides} methods that need keys of their own factory or of any ancestor (diamonds across
 * levels), implicit daemons shared or per child, {@code @Ambient} daemons needed at any level,
 * and children of one parent that each inherit entry points of two sibling interfaces. Clean
 * programs must compile in both modes. A program given one mistake (a child declaring an
 * ancestor's key, a parent needing what only a child declares, a cycle through two levels, an
 * ambient daemon needing a per-node daemon) must be refused with that code, on a line of the user's
 * file, with a Fix, and never a crash. Each compile is bounded in CPU time (a guard against a
 * fixpoint exponential in depth or width, far above what any program here needs).
 */
class HierarchyFixpointHostileTest {
  private static final String HEAD =
      "package h;\nimport io.steelmill.*;\nimport io.steelmill.runtime.Provider;\n";

  /** A compile taking more than this much CPU is a runaway, not a slow machine. */
  private static final long CPU_BOUND_NANOS = 60_000_000_000L;

  enum Mistake { NONE, REBIND_ANCESTOR_KEY, PARENT_NEEDS_CHILD_KEY, CYCLE_ACROSS_LEVELS,
    AMBIENT_NEEDS_NODE_KEY, MISSING_IN_OTHER_BRANCH }

  record Program(long seed, Mistake mistake, String text) {}

  static LongStream seeds() {
    return LongStream.range(100, 130);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomHierarchy(long seed) {
    Program program = generate(seed);
    check(program);
  }

  /** A wide parent (40 children) and a deep chain (10 levels), both clean. */
  @ParameterizedTest(name = "shape {0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"wide", "deep", "diamond", "two parents"})
  void extremeShapes(String shape) {
    StringBuilder text = new StringBuilder(HEAD);
    Mistake mistake = Mistake.NONE;
    switch (shape) {
      case "wide" -> {
        text.append("final class K0 {}\n@Factory interface F0 { @Provides static K0 k0()"
            + " { return new K0(); } }\n");
        for (int i = 1; i <= 40; i++) {
          text.append("@Daemon final class D").append(i).append(" { D").append(i)
              .append("(K0 k, Shared s) {} }\n@Factory(parent = F0.class) interface F").append(i)
              .append(" { D").append(i).append(" d(); Shared s(); K0 k(); }\n");
        }
        text.append("@Daemon final class Shared { Shared(K0 k) {} }\n");
      }
      case "deep" -> {
        for (int i = 0; i < 10; i++) {
          text.append("final class K").append(i).append(" {}\n@Factory");
          if (i > 0) {
            text.append("(parent = F").append(i - 1).append(".class)");
          }
          text.append(" interface F").append(i).append(" { @Provides static K").append(i)
              .append(" k").append(i).append("(");
          for (int j = 0; j < i; j++) {
            text.append(j == 0 ? "" : ", ").append("K").append(j).append(" a").append(j);
          }
          text.append(") { return new K").append(i).append("(); } D").append(i)
              .append(" d(); }\n@Daemon final class D").append(i).append(" { D").append(i)
              .append("(K0 first, K").append(i).append(" own, Provider<K").append(i)
              .append("> later) {} }\n");
        }
      }
      case "two parents" -> {
        // a child interface inheriting the entry points of children of two other parents
        mistake = Mistake.MISSING_IN_OTHER_BRANCH;
        text.append("final class K0 {}\nfinal class K1 {}\n"
            + "@Factory interface F0 { @Provides static K0 k0() { return new K0(); } }\n"
            + "@Factory(parent = F0.class) interface F1 {"
            + " @Provides static K1 k1(K0 k) { return new K1(); } }\n"
            + "@Factory(parent = F0.class) interface C1 { K0 a(); }\n"
            + "@Factory(parent = F1.class) interface C2 { K1 b(); K0 c(); }\n"
            + "@Factory(parent = F0.class) interface Both extends C1, C2 {}\n");
      }
      default -> {
        text.append("final class Base {}\nfinal class Left {}\nfinal class Right {}\n"
            + "final class Top {}\n"
            + "@Factory interface F0 { @Provides static Base base() { return new Base(); } }\n"
            + "@Factory(parent = F0.class) interface F1 {\n"
            + "  @Provides static Left left(Base b) { return new Left(); }\n"
            + "  @Provides static Right right(Base b) { return new Right(); } }\n"
            + "@Factory(parent = F1.class) interface F2 {\n"
            + "  @Provides static Top top(Left l, Right r, Base b) { return new Top(); }\n"
            + "  Top top(); }\n"
            + "@Factory(parent = F1.class) interface F3 { Left l(); Right r(); Base b(); }\n");
      }
    }
    check(new Program(0, mistake, text.toString()));
  }

  /**
   * A forest of factories; factory i declares keys K{i}_{j} and daemons D{i}_{j}. Dependencies
   * point to keys of the factory or its ancestors, and to earlier keys only (no cycle), unless
   * the seed injects a mistake.
   */
  static Program generate(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int factories = 2 + random.nextInt(9);
    int[] parent = new int[factories];
    parent[0] = -1;
    for (int i = 1; i < factories; i++) {
      // mostly chains (deep) and a few fans (wide)
      parent[i] = random.nextInt(3) == 0 ? random.nextInt(i) : i - 1;
      if (random.nextInt(5) == 0) {
        parent[i] = -1; // another root
      }
    }
    Mistake mistake = Mistake.values()[random.nextInt(Mistake.AMBIENT_NEEDS_NODE_KEY.ordinal()
        + 1)];
    if (random.nextInt(2) == 0) {
      mistake = Mistake.NONE;
    }
    int keysPer = 1 + random.nextInt(4);
    List<List<String>> keysOf = new ArrayList<>();
    StringBuilder text = new StringBuilder(HEAD);
    StringBuilder[] bodies = new StringBuilder[factories];
    for (int i = 0; i < factories; i++) {
      bodies[i] = new StringBuilder();
      List<String> visible = new ArrayList<>();
      for (int a = parent[i]; a >= 0; a = parent[a]) {
        visible.addAll(keysOf.get(a));
      }
      List<String> own = new ArrayList<>();
      for (int j = 0; j < keysPer; j++) {
        String key = "K" + i + "_" + j;
        text.append("final class ").append(key).append(" {}\n");
        List<String> deps = new ArrayList<>();
        List<String> pool = new ArrayList<>(visible);
        pool.addAll(own);
        for (int d = 0; d < 3 && !pool.isEmpty(); d++) {
          String dep = pool.get(random.nextInt(pool.size()));
          if (!deps.contains(dep)) {
            deps.add(dep);
          }
        }
        bodies[i].append("  @Provides static ").append(key).append(" make").append(key)
            .append("(").append(params(deps)).append(") { return new ").append(key)
            .append("(); }\n");
        own.add(key);
      }
      keysOf.add(own);
      // an implicit daemon needing keys the factory sees, requested by an entry point
      String daemon = "D" + i;
      List<String> pool = new ArrayList<>(visible);
      pool.addAll(own);
      List<String> deps = new ArrayList<>();
      for (int d = 0; d < 3; d++) {
        String dep = pool.get(random.nextInt(pool.size()));
        if (!deps.contains(dep)) {
          deps.add(dep);
        }
      }
      text.append("@Daemon final class ").append(daemon).append(" { ").append(daemon)
          .append("(").append(params(deps)).append(") {} }\n");
      bodies[i].append("  ").append(daemon).append(" d").append(i).append("();\n");
      if (!visible.isEmpty()) {
        String far = visible.get(random.nextInt(visible.size()));
        bodies[i].append("  ").append(far).append(" far").append(i).append("();\n");
      }
    }
    text.append("@Daemon @Ambient final class Pool {}\n");
    int ambientUser = random.nextInt(factories);
    bodies[ambientUser].append("  Pool pool();\n");
    int child = -1;
    for (int i = 1; i < factories; i++) {
      if (parent[i] >= 0) {
        child = i;
      }
    }
    Mistake applied = child < 0 ? Mistake.NONE : mistake;
    switch (applied) {
      case REBIND_ANCESTOR_KEY -> bodies[child].append("  @Provides static ")
          .append(keysOf.get(parent[child]).get(0)).append(" again() { return null; }\n");
      case PARENT_NEEDS_CHILD_KEY -> bodies[parent[child]].append("  @Provides static Wrong"
          + " wrong(").append(keysOf.get(child).get(0)).append(" k) { return new Wrong(); }\n"
          + "  Wrong wrong();\n");
      case CYCLE_ACROSS_LEVELS -> {
        text.append("@Daemon final class Up { Up(Down d) {} }\n"
            + "@Daemon final class Down { Down(Up u) {} }\n");
        bodies[parent[child]].append("  Up up();\n");
        bodies[child].append("  Down down();\n");
      }
      case AMBIENT_NEEDS_NODE_KEY -> {
        text.append("@Daemon @Ambient final class Registry { Registry(D")
            .append(parent[child]).append(" perNode) {} }\n");
        bodies[child].append("  Registry registry();\n");
      }
      default -> { }
    }
    if (applied == Mistake.PARENT_NEEDS_CHILD_KEY) {
      text.append("final class Wrong {}\n");
    }
    for (int i = 0; i < factories; i++) {
      text.append("@Factory");
      if (parent[i] >= 0) {
        text.append("(parent = F").append(parent[i]).append(".class)");
      }
      text.append(" interface F").append(i).append(" {\n").append(bodies[i]).append("}\n");
    }
    return new Program(seed, applied, text.toString());
  }

  private static String params(List<String> types) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < types.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(types.get(i)).append(" p").append(i);
    }
    return out.toString();
  }

  private static ErrorCode expected(Mistake mistake) {
    return switch (mistake) {
      case NONE -> null;
      case REBIND_ANCESTOR_KEY -> ErrorCode.DuplicateBinding;
      case PARENT_NEEDS_CHILD_KEY -> ErrorCode.MissingBinding;
      case CYCLE_ACROSS_LEVELS -> ErrorCode.DependencyCycle;
      case AMBIENT_NEEDS_NODE_KEY -> ErrorCode.AmbientDependsOnNode;
      case MISSING_IN_OTHER_BRANCH -> ErrorCode.MissingBinding;
    };
  }

  private static void check(Program program) {
    List<JavaFileObject> files = List.of(Compiler.source("h.All", program.text()));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (List<String> options :
        List.of(List.<String>of(), List.of("-Asteelmill.mode=simulation"))) {
      long before = threads.getCurrentThreadCpuTime();
      Compilation compilation =
          Compiler.compile(new Processor[] {new SteelmillProcessor()}, options,
              files.toArray(JavaFileObject[]::new));
      long cpu = threads.getCurrentThreadCpuTime() - before;
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
        errors.add((d.getSource() == null ? "?" : d.getSource().getName()) + ":"
            + d.getLineNumber() + " " + d.getMessage(null));
      }
      String context = "seed " + program.seed() + ", " + program.mistake() + ", " + options
          + ": " + errors + "\n" + program.text();
      assertThat(cpu).as("compile CPU of " + context).isLessThan(CPU_BOUND_NANOS);
      ErrorCode code = expected(program.mistake());
      if (code == null) {
        assertThat(compilation.status()).as(context).isEqualTo(Compilation.Status.SUCCESS);
        continue;
      }
      assertThat(compilation.status()).as(context).isEqualTo(Compilation.Status.FAILURE);
      // an ambient daemon needing a daemon whose own needs only a child declares: the root
      // cannot even build that daemon, and says so first
      ErrorCode alternative = program.mistake() == Mistake.AMBIENT_NEEDS_NODE_KEY
          ? ErrorCode.MissingBinding : code;
      assertThat(errors).as(context).anyMatch(m -> (m.contains(code.tag())
          || m.contains(alternative.tag())) && m.contains("Fix: "));
      for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
        assertThat(d.getMessage(null)).as(context).contains("[Steelmill/")
            .doesNotContain("ProcessorCrash");
        assertThat(d.getSource()).as(context).isNotNull();
        assertThat(d.getSource().getName()).as(context).doesNotContain("Steelmill");
        assertThat(d.getLineNumber()).as(context).isPositive();
      }
    }
  }
}
