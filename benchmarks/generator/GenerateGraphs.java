import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the synthetic graphs every contender is measured on: N classes (N = 100 and 1000), class
 * i taking 0 to 3 earlier classes in its constructor, chosen with a fixed seed, all singletons.
 * One set of classes carries every contender's annotations (jakarta.inject for Dagger, Guice and
 * avaje; @Daemon for Steelmill), so all build exactly the same graph. Per size it also writes a
 * Steelmill factory, a Dagger component, a hand-written wiring (the floor: eager, every class
 * built in topological order) and a hand-written lazy one (the contract's floor: each class built
 * on first use, at most once under concurrent first use, see {@link #handLazy}).
 *
 * <p>Run: {@code java GenerateGraphs.java <output source root>}. Deterministic: same seed, same
 * files.
 */
public final class GenerateGraphs {
  private static final long SEED = 20261128L;

  /**
   * {@code <root>}: the graphs of both sizes for the benchmarks module; {@code <root> avaje <size>}
   * and {@code <root> avaje-child <size>}: the same graph (and its child daemons) for avaje-inject,
   * which wires every bean of a module at once and so needs a module per graph.
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    if (args.length == 1) {
      for (int size : new int[] {100, 1000}) {
        write(root, size);
      }
    } else if (args[1].equals("avaje")) {
      writeAvaje(root, Integer.parseInt(args[2]));
    } else {
      writeAvajeChild(root, Integer.parseInt(args[2]));
    }
  }

  /** One graph: each class's dependencies, then each per-child daemon's. */
  private record Graph(List<List<Integer>> deps, List<List<Integer>> childDeps) {}

  private static Graph graph(int size) {
    SplittableRandom random = new SplittableRandom(SEED + size);
    List<List<Integer>> deps = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      List<Integer> mine = new ArrayList<>();
      int count = i == 0 ? 0 : random.nextInt(4);
      for (int k = 0; k < count; k++) {
        int dep = random.nextInt(i);
        if (!mine.contains(dep)) {
          mine.add(dep);
        }
      }
      deps.add(mine);
    }
    List<List<Integer>> childDeps = new ArrayList<>();
    for (int k = 0; k < CHILDREN; k++) {
      childDeps.add(List.of(random.nextInt(size), random.nextInt(size)).stream().distinct().toList());
    }
    return new Graph(deps, childDeps);
  }

  /** The avaje flavour: the same classes, jakarta.inject only, in a package of their own. */
  private static void writeAvaje(Path root, int size) throws IOException {
    String pkg = "io.steelmill.benchmarks.avaje.n" + size;
    Path dir = root.resolve(pkg.replace('.', '/'));
    Files.createDirectories(dir);
    Graph graph = graph(size);
    for (int i = 0; i < size; i++) {
      String source = daemon(pkg, i, graph.deps().get(i)).replace("@io.steelmill.Daemon\n", "");
      Files.writeString(dir.resolve("C" + i + ".java"), source);
    }
    Files.writeString(dir.resolve("package-info.java"),
        "@io.avaje.inject.InjectModule(name = \"AvajeGraph" + size + "\")\npackage " + pkg + ";\n");
  }

  /** The avaje child module: the per-child daemons, requiring the parent graph's classes. */
  private static void writeAvajeChild(Path root, int size) throws IOException {
    String pkg = "io.steelmill.benchmarks.avaje.child" + size;
    String parent = "io.steelmill.benchmarks.avaje.n" + size;
    Path dir = root.resolve(pkg.replace('.', '/'));
    Files.createDirectories(dir);
    Graph graph = graph(size);
    java.util.Set<Integer> required = new java.util.TreeSet<>();
    for (int k = 0; k < CHILDREN; k++) {
      List<Integer> deps = graph.childDeps().get(k);
      required.addAll(deps);
      StringBuilder params = new StringBuilder();
      for (int d : deps) {
        params.append(params.isEmpty() ? "" : ", ").append(parent).append(".C").append(d).append(" c").append(d);
      }
      Files.writeString(dir.resolve("K" + k + ".java"), "package " + pkg + ";\n\n@jakarta.inject.Singleton\n"
          + "public final class K" + k + " {\n  @jakarta.inject.Inject\n  public K" + k + "(" + params + ") {}\n}\n");
    }
    StringBuilder requires = new StringBuilder();
    for (int d : required) {
      requires.append(requires.isEmpty() ? "" : ", ").append(parent).append(".C").append(d).append(".class");
    }
    Files.writeString(dir.resolve("package-info.java"),
        "@io.avaje.inject.InjectModule(name = \"AvajeChild" + size + "\", requires = {" + requires + "})\npackage " + pkg + ";\n");
  }

  private static void write(Path root, int size) throws IOException {
    String pkg = "io.steelmill.benchmarks.graph.n" + size;
    Path dir = root.resolve(pkg.replace('.', '/'));
    Files.createDirectories(dir);
    Graph graph = graph(size);
    List<List<Integer>> deps = graph.deps();
    for (int i = 0; i < size; i++) {
      Files.writeString(dir.resolve("C" + i + ".java"), daemon(pkg, i, deps.get(i)));
    }
    Files.writeString(dir.resolve("Graph" + size + ".java"), factory(pkg, size));
    Files.writeString(dir.resolve("Graph" + size + "Component.java"), component(pkg, size));
    Files.writeString(dir.resolve("HandWritten" + size + ".java"), handWritten(pkg, size, deps));
    Files.writeString(dir.resolve("HandLazy" + size + ".java"), handLazy(pkg, size, deps));
    List<List<Integer>> childDeps = graph.childDeps();
    for (int k = 0; k < CHILDREN; k++) {
      Files.writeString(dir.resolve("K" + k + ".java"), childDaemon(pkg, k, childDeps.get(k)));
    }
    Files.writeString(dir.resolve("Child" + size + ".java"), childFactory(pkg, size));
    Files.writeString(dir.resolve("Child" + size + "Component.java"), childComponent(pkg, size));
    Files.writeString(dir.resolve("HandChild" + size + ".java"), handChild(pkg, size, childDeps));
    Files.writeString(dir.resolve("Contenders" + size + ".java"), contenders(pkg, size));
    Files.writeString(dir.resolve("ChildScope.java"), "package " + pkg + ";\n\n"
        + "/** Dagger: one instance per child component, as Steelmill memoizes per child node. */\n"
        + "@jakarta.inject.Scope\n@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)\n"
        + "public @interface ChildScope {}\n");
  }

  /** Daemons per child factory. */
  private static final int CHILDREN = 10;

  /** A per-child daemon: needs two of the parent's; unscoped for Dagger, memoized per child. */
  private static String childDaemon(String pkg, int k, List<Integer> deps) {
    StringBuilder params = new StringBuilder();
    for (int d : deps) {
      params.append(params.isEmpty() ? "" : ", ").append("C").append(d).append(" c").append(d);
    }
    return "package " + pkg + ";\n\n@io.steelmill.Daemon\n@ChildScope\npublic final class K" + k + " {\n"
        + "  @jakarta.inject.Inject\n  public K" + k + "(" + params + ") {}\n}\n";
  }

  private static String childFactory(String pkg, int size) {
    StringBuilder out = new StringBuilder("package " + pkg + ";\n\n@io.steelmill.Factory(parent = Graph" + size
        + ".class)\npublic interface Child" + size + " {\n");
    for (int k = 0; k < CHILDREN; k++) {
      out.append("  K").append(k).append(" k").append(k).append("();\n");
    }
    return out.append("}\n").toString();
  }

  private static String childComponent(String pkg, int size) {
    StringBuilder out = new StringBuilder("package " + pkg + ";\n\n@ChildScope\n@dagger.Subcomponent\npublic interface Child" + size
        + "Component {\n");
    for (int k = 0; k < CHILDREN; k++) {
      out.append("  K").append(k).append(" k").append(k).append("();\n");
    }
    return out.append("}\n").toString();
  }

  private static String handChild(String pkg, int size, List<List<Integer>> deps) {
    StringBuilder out = new StringBuilder("package " + pkg + ";\n\n/** A child wired by hand over a built parent. */\n"
        + "public final class HandChild" + size + " {\n");
    for (int k = 0; k < CHILDREN; k++) {
      out.append("  public final K").append(k).append(" k").append(k).append(";\n");
    }
    out.append("\n  public HandChild").append(size).append("(HandWritten").append(size).append(" parent) {\n");
    for (int k = 0; k < CHILDREN; k++) {
      StringBuilder args = new StringBuilder();
      for (int d : deps.get(k)) {
        args.append(args.isEmpty() ? "" : ", ").append("parent.c").append(d);
      }
      out.append("    k").append(k).append(" = new K").append(k).append("(").append(args).append(");\n");
    }
    return out.append("  }\n}\n").toString();
  }

  /** Builds each contender's whole graph (and a child over it), the same way for all. */
  /**
   * {@code <name>()}: creates the graph with {@code create} and requests every class with {@code
   * request}, in methods of {@value #STATEMENTS_PER_METHOD} requests, so that no contender's
   * measured code is a method over HotSpot's 8,000-byte limit, which would run interpreted.
   */
  private static void requests(
      StringBuilder out, int size, String name, String type, String create, String request) {
    out.append("  public static ").append(type).append(" ").append(name).append("() {\n    ")
        .append(type).append(" graph = ").append(create).append(";\n");
    for (int start = 0; start < size; start += STATEMENTS_PER_METHOD) {
      out.append("    ").append(name).append(start / STATEMENTS_PER_METHOD).append("(graph);\n");
    }
    out.append("    return graph;\n  }\n\n");
    for (int start = 0; start < size; start += STATEMENTS_PER_METHOD) {
      out.append("  private static void ").append(name).append(start / STATEMENTS_PER_METHOD)
          .append("(").append(type).append(" graph) {\n");
      for (int i = start; i < Math.min(size, start + STATEMENTS_PER_METHOD); i++) {
        out.append("    ").append(String.format(request, i)).append(";\n");
      }
      out.append("  }\n\n");
    }
  }

  private static String contenders(String pkg, int size) {
    StringBuilder out = new StringBuilder("package " + pkg + ";\n\n/** Each contender builds the whole graph of size " + size + ". */\n"
        + "public final class Contenders" + size + " {\n  private Contenders" + size + "() {}\n\n");
    out.append("  public static HandWritten").append(size).append(" handWritten() {\n    return new HandWritten").append(size).append("();\n  }\n\n");
    requests(out, size, "handLazy", "HandLazy" + size, "new HandLazy" + size + "()", "graph.c%d()");
    requests(out, size, "steelmill", "SteelmillGraph" + size, "SteelmillGraph" + size + ".create()", "graph.c%d()");
    requests(out, size, "dagger", "Graph" + size + "Component", "DaggerGraph" + size + "Component.create()", "graph.c%d()");
    requests(out, size, "guice", "com.google.inject.Injector", "com.google.inject.Guice.createInjector()", "graph.getInstance(C%d.class)");
    out.append("  public static Object handChild(HandWritten").append(size).append(" parent) {\n    return new HandChild").append(size).append("(parent);\n  }\n\n");
    out.append("  public static Object steelmillChild(SteelmillGraph").append(size).append(" parent) {\n    SteelmillChild").append(size)
        .append(" child = SteelmillChild").append(size).append(".create(parent, \"child\");\n");
    for (int k = 0; k < CHILDREN; k++) {
      out.append("    child.k").append(k).append("();\n");
    }
    out.append("    return child;\n  }\n\n");
    // every child's daemons are memoized per child (Dagger: @ChildScope; Guice: singletons bound
    // in the child injector); they are returned too, so no contender's objects can be elided
    out.append("  public static Object daggerChild(Graph").append(size).append("Component parent) {\n    Child").append(size)
        .append("Component child = parent.child();\n    return new Object[] {child");
    for (int k = 0; k < CHILDREN; k++) {
      out.append(", child.k").append(k).append("()");
    }
    out.append("};\n  }\n\n");
    out.append("  public static Object guiceChild(com.google.inject.Injector parent) {\n    com.google.inject.Injector child = parent.createChildInjector(binder -> {\n");
    for (int k = 0; k < CHILDREN; k++) {
      out.append("      binder.bind(K").append(k).append(".class).in(com.google.inject.Singleton.class);\n");
    }
    out.append("    });\n    return new Object[] {child");
    for (int k = 0; k < CHILDREN; k++) {
      out.append(", child.getInstance(K").append(k).append(".class)");
    }
    out.append("};\n  }\n}\n");
    return out.toString();
  }

  private static String daemon(String pkg, int i, List<Integer> deps) {
    StringBuilder params = new StringBuilder();
    for (int d : deps) {
      params.append(params.isEmpty() ? "" : ", ").append("C").append(d).append(" c").append(d);
    }
    return "package " + pkg + ";\n\n"
        + "@io.steelmill.Daemon\n"
        + "@jakarta.inject.Singleton\n"
        + "public final class C" + i + " {\n"
        + "  @jakarta.inject.Inject\n"
        + "  public C" + i + "(" + params + ") {}\n"
        + "}\n";
  }

  /** Steelmill: one entry point per class, so building all of them builds the whole graph. */
  private static String factory(String pkg, int size) {
    StringBuilder out = new StringBuilder("package " + pkg + ";\n\n@io.steelmill.Factory\npublic interface Graph" + size + " {\n");
    for (int i = 0; i < size; i++) {
      out.append("  C").append(i).append(" c").append(i).append("();\n");
    }
    return out.append("}\n").toString();
  }

  /** Dagger: a singleton component with one provision method per class. */
  private static String component(String pkg, int size) {
    StringBuilder out = new StringBuilder("package " + pkg + ";\n\n@jakarta.inject.Singleton\n@dagger.Component\npublic interface Graph" + size + "Component {\n");
    for (int i = 0; i < size; i++) {
      out.append("  C").append(i).append(" c").append(i).append("();\n");
    }
    out.append("  Child").append(size).append("Component child();\n");
    return out.append("}\n").toString();
  }

  /** Statements per hand-written method: far below HotSpot's 8,000-byte HugeMethodLimit. */
  private static final int STATEMENTS_PER_METHOD = 100;

  /**
   * The floor: every class constructed once, in topological order, by hand. Split into methods of
   * {@value #STATEMENTS_PER_METHOD} statements, as a person would write it: one constructor of
   * 1,000 statements is over 17,000 bytes of bytecode, which HotSpot never JIT-compiles, and the
   * floor would run interpreted.
   */
  private static String handWritten(String pkg, int size, List<List<Integer>> deps) {
    StringBuilder out = new StringBuilder("package " + pkg + ";\n\n/** The graph wired by hand, in topological order. */\npublic final class HandWritten" + size + " {\n");
    for (int i = 0; i < size; i++) {
      out.append("  public C").append(i).append(" c").append(i).append(";\n");
    }
    out.append("\n  public HandWritten").append(size).append("() {\n");
    for (int start = 0; start < size; start += STATEMENTS_PER_METHOD) {
      out.append("    build").append(start / STATEMENTS_PER_METHOD).append("();\n");
    }
    out.append("  }\n");
    for (int start = 0; start < size; start += STATEMENTS_PER_METHOD) {
      out.append("\n  private void build").append(start / STATEMENTS_PER_METHOD).append("() {\n");
      for (int i = start; i < Math.min(size, start + STATEMENTS_PER_METHOD); i++) {
        StringBuilder args = new StringBuilder();
        for (int d : deps.get(i)) {
          args.append(args.isEmpty() ? "" : ", ").append("c").append(d);
        }
        out.append("    c").append(i).append(" = new C").append(i).append("(").append(args).append(");\n");
      }
      out.append("  }\n");
    }
    return out.append("}\n").toString();
  }

  /**
   * The contract's own floor: the graph wired by hand as the contract demands of a factory (a
   * daemon nothing asked for is never built; each is built at most once, also under concurrent
   * first calls; no lock on the lookup path), written as lean as a person can. One accessor per
   * class reads its plain field (an acquire read: the plain read, then an acquire fence); only when
   * it is still empty does the class's {@code makeN()} take the graph's lock (one compare-and-set
   * by the outermost first call; a nested one on the owning thread takes nothing), look again,
   * construct with the accessors of what it needs, and publish with a release write. No
   * {@code Provider} objects, no cycle check (the graph is acyclic by construction), no record of
   * the order, no failure wrapping: what the contract itself costs, and nothing else.
   */
  private static String handLazy(String pkg, int size, List<List<Integer>> deps) {
    String name = "HandLazy" + size;
    StringBuilder out = new StringBuilder("package " + pkg + ";\n\n"
        + "import java.lang.invoke.MethodHandles;\nimport java.lang.invoke.VarHandle;\n\n"
        + "/** The graph wired by hand, lazily, each class at most once under concurrent first use. */\n"
        + "public final class " + name + " {\n"
        + "  private static final VarHandle LOCK;\n\n"
        + "  static {\n    try {\n"
        + "      LOCK = MethodHandles.lookup().findVarHandle(" + name + ".class, \"lock\", int.class);\n"
        + "    } catch (ReflectiveOperationException e) {\n      throw new ExceptionInInitializerError(e);\n    }\n  }\n\n"
        + "  private int lock; // 1 while owner builds\n"
        + "  private Thread owner; // read by a thread that finds itself here only if it wrote it\n\n"
        + "  /** Takes the lock unless this thread holds it; returns whether this call took it. */\n"
        + "  private boolean claim() {\n"
        + "    Thread me = Thread.currentThread();\n"
        + "    if (owner == me) {\n      return false;\n    }\n"
        + "    while (!LOCK.compareAndSet(this, 0, 1)) {\n      Thread.yield();\n    }\n"
        + "    owner = me;\n    return true;\n  }\n\n"
        + "  private void release() {\n    owner = null;\n    LOCK.setRelease(this, 0);\n  }\n");
    for (int i = 0; i < size; i++) {
      StringBuilder args = new StringBuilder();
      for (int d : deps.get(i)) {
        args.append(args.isEmpty() ? "" : ", ").append("c").append(d).append("()");
      }
      String type = "C" + i;
      String field = "c" + i;
      out.append("\n  private ").append(type).append(" ").append(field).append(";\n\n")
          .append("  public ").append(type).append(" ").append(field).append("() {\n")
          .append("    ").append(type).append(" c = ").append(field).append(";\n")
          .append("    if (c != null) {\n      VarHandle.acquireFence();\n      return c;\n    }\n")
          .append("    return make").append(i).append("();\n  }\n\n")
          .append("  private ").append(type).append(" make").append(i).append("() {\n")
          .append("    boolean outermost = claim();\n    try {\n")
          .append("      ").append(type).append(" c = ").append(field).append(";\n")
          .append("      if (c == null) {\n")
          .append("        c = new ").append(type).append("(").append(args).append(");\n")
          .append("        VarHandle.releaseFence();\n")
          .append("        ").append(field).append(" = c;\n      }\n      return c;\n")
          .append("    } finally {\n      if (outermost) {\n        release();\n      }\n    }\n  }\n");
    }
    return out.append("}\n").toString();
  }
}
