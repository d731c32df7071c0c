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
 * Steelmill factory, a Dagger component and a hand-written wiring (the floor).
 *
 * <p>Run: {@code java GenerateGraphs.java <output source root>}. Deterministic: same seed, same
 * files.
 */
public final class GenerateGraphs {
  private static final long SEED = 20261128L;

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    for (int size : new int[] {100, 1000}) {
      write(root, size);
    }
  }

  private static void write(Path root, int size) throws IOException {
    String pkg = "io.steelmill.benchmarks.graph.n" + size;
    Path dir = root.resolve(pkg.replace('.', '/'));
    Files.createDirectories(dir);
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
    for (int i = 0; i < size; i++) {
      Files.writeString(dir.resolve("C" + i + ".java"), daemon(pkg, i, deps.get(i)));
    }
    Files.writeString(dir.resolve("Graph" + size + ".java"), factory(pkg, size));
    Files.writeString(dir.resolve("Graph" + size + "Component.java"), component(pkg, size));
    Files.writeString(dir.resolve("HandWritten" + size + ".java"), handWritten(pkg, size, deps));
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
    return out.append("}\n").toString();
  }

  /** The floor: every class constructed once, in topological order, by hand. */
  private static String handWritten(String pkg, int size, List<List<Integer>> deps) {
    StringBuilder out = new StringBuilder("package " + pkg + ";\n\n/** The graph wired by hand, in topological order. */\npublic final class HandWritten" + size + " {\n");
    for (int i = 0; i < size; i++) {
      out.append("  public final C").append(i).append(" c").append(i).append(";\n");
    }
    out.append("\n  public HandWritten").append(size).append("() {\n");
    for (int i = 0; i < size; i++) {
      StringBuilder args = new StringBuilder();
      for (int d : deps.get(i)) {
        args.append(args.isEmpty() ? "" : ", ").append("c").append(d);
      }
      out.append("    c").append(i).append(" = new C").append(i).append("(").append(args).append(");\n");
    }
    return out.append("  }\n}\n").toString();
  }
}
