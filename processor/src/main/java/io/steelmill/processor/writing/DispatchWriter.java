package io.steelmill.processor.writing;

import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.ClassBudget;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.Key;
import java.util.List;

/**
 * Writes {@code construct(int id)}, which says how each binding id of a node class is made: a
 * switch per chunk of ids, so that no method grows with the graph, and in a chunk a switch per
 * {@link #GROUP} consecutive ids, so that the JIT compiles each into branches, not a jump table
 * whose indirect jump a build mispredicts per construction. Each method stays far below
 * HotSpot's 8,000-byte limit for JIT compilation (a chunk holds fewer cases when its
 * constructors take many parameters). A graph too large for one class's constant pool
 * (65,535 entries) moves its cases into nested classes {@code Part0}, {@code Part1}, ... of
 * consecutive ids, each with a pool of its own; the node keeps one accessor per key.
 *
 * <p>The switches are statements with a {@code return} per case, not switch expressions: javac
 * attributes a switch expression as a poly expression, case by case against its target (about 8%
 * of the generated class's compile time at 1,000 bindings, measured in one warmed javac); the
 * bytecode is the same.
 */
final class DispatchWriter {
  /** Sizes tried for chunks and parts, largest first: each divides the ones before it. */
  private static final int[] SIZES = {1_000, 500, 100, 50, 25, 10, 5, 1};

  /**
   * Cases per dispatch method at most: about 900 bytes of bytecode. At 100 cases (1,800 bytes)
   * C1 gave up on one of them ("out of virtual registers") and the ten methods reached C2 late in
   * a warm-up; smaller methods compile sooner, each at the cost of one more dispatch case.
   */
  private static final int MAX_CHUNK = 50;

  /**
   * Consecutive ids per inner switch of a chunk: C2 compiles a switch of fewer than 10 cases
   * ({@code MinJumpTableSize} on x86) into a tree of compare-and-branch, a larger one into a jump
   * table. Through a table, each construction of a build is an indirect jump to a new target,
   * which the processor mispredicts nearly every time; the tree's branches it learns. Chunks of
   * 50 cases as groups of 8 took 13-15% off the warmed build of 1,000 daemons asked for in id
   * order, and about 30% asked for in a fixed random order (BENCHMARKS.md, "Issue 12, the warmed
   * build, seventh pass").
   */
  static final int GROUP = 8;

  /** Bytecode per dispatch method at most (estimated): half of HotSpot's HugeMethodLimit. */
  private static final int METHOD_BYTES = 4_000;

  /** Constant-pool entries the cases may take in the node class itself, and in a part. */
  private static final int SINGLE_CLASS_ENTRIES = 20_000;

  private static final int PART_ENTRIES = 40_000;

  private final BindingGraph graph;
  private final ScopeWriter scope;
  private final ClassRef node;
  private final List<Key> keys;
  private final int chunk;
  private final int part; // ids per nested part class; 0: the cases stay in the node class

  DispatchWriter(BindingGraph graph, ScopeWriter scope, ClassRef node) {
    this.graph = graph;
    this.scope = scope;
    this.node = node;
    this.keys = scope.owned();
    this.chunk = largest(MAX_CHUNK, 1, METHOD_BYTES, true);
    long base = ClassBudget.entries(graph) + (long) ClassBudget.PER_MEMO * ClassBudget.MAX_MEMOIZED;
    long cases = total(false);
    boolean single = cases <= SINGLE_CLASS_ENTRIES && base + cases <= ClassBudget.LIMIT;
    this.part = single ? 0 : largest(SIZES[0], chunk, PART_ENTRIES, false);
  }

  /** The node's {@code construct}, and its chunk methods when the cases stay in the node. */
  void methods(Members members) {
    String indent = members.indent();
    Code construct = RuntimeNames.override(new Code(), indent).add(indent);
    construct.add("protected ").add(RuntimeNames.OBJECT).add(" construct(int id) throws ");
    construct.add(RuntimeNames.THROWABLE).add(" {\n");
    if (part > 0 && keys.size() > part) {
      construct.add(indent).add("  switch (id / ").add(part).add(") {\n");
      for (int start = 0; start < keys.size(); start += part) {
        construct.add(indent).add("    case ").add(start / part).add(": return ");
        construct.add(partName(start)).add(".construct(this, id);\n");
      }
      outOfRange(construct, indent + "    ").add(indent).add("  }\n");
      members.next().add(construct.add(indent).add("}\n"));
      return;
    }
    if (part > 0) {
      construct.add(indent).add("  return ").add(partName(0)).add(".construct(this, id);\n");
      members.next().add(construct.add(indent).add("}\n"));
      return;
    }
    chunked(members, construct, 0, keys.size(), null);
  }

  /** The nested part classes, or none. */
  void parts(Members members) {
    String indent = members.indent();
    for (int start = 0; part > 0 && start < keys.size(); start += part) {
      int end = Math.min(keys.size(), start + part);
      Code out = members.next("How bindings " + start + " to " + (end - 1) + " of {@link ", node,
          "}: a class of their own, as one class\nfile could not hold the whole graph.");
      out.add(indent).add("static final class ").add(partName(start)).add(" {\n");
      Members inner = new Members(out, indent + "  ");
      Code construct = new Code().add(inner.indent()).add("static ").add(RuntimeNames.OBJECT);
      construct.add(" construct(").add(node);
      construct.add(" node, int id) throws ").add(RuntimeNames.THROWABLE).add(" {\n");
      chunked(inner, construct, start, end, "node");
      out.add(indent).add("}\n");
    }
  }

  /** The names of the nested part classes, or none. */
  java.util.Set<String> partNames() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int start = 0; part > 0 && start < keys.size(); start += part) {
      names.add(partName(start));
    }
    return names;
  }

  private String partName(int start) {
    return "Part" + start / part;
  }

  /**
   * {@code construct} for ids {@code from} to {@code to}, whose signature line {@code construct}
   * holds: its cases, or a switch over chunk methods holding them.
   */
  private void chunked(Members members, Code construct, int from, int to, String receiver) {
    String indent = members.indent();
    if (to - from <= chunk) {
      cases(construct, indent, from, to, receiver);
      members.next().add(construct.add(indent).add("}\n"));
      return;
    }
    construct.add(indent).add("  switch (id / ").add(chunk).add(") {\n");
    for (int start = from; start < to; start += chunk) {
      construct.add(indent).add("    case ").add(start / chunk).add(": return construct");
      construct.add(start / chunk).add(receiver == null ? "(id)" : "(" + receiver + ", id)");
      construct.add(";\n");
    }
    outOfRange(construct, indent + "    ").add(indent).add("  }\n");
    members.next().add(construct.add(indent).add("}\n"));
    for (int start = from; start < to; start += chunk) {
      Code method = new Code().add(indent).add("private ");
      method.add(receiver == null ? "" : "static ").add(RuntimeNames.OBJECT).add(" construct");
      method.add(start / chunk);
      if (receiver != null) {
        method.add("(").add(node).add(" ").add(receiver).add(", int id)");
      } else {
        method.add("(int id)");
      }
      method.add(" throws ").add(RuntimeNames.THROWABLE).add(" {\n");
      cases(method, indent, start, Math.min(to, start + chunk), receiver);
      members.next().add(method.add(indent).add("}\n"));
    }
  }

  private static Code outOfRange(Code code, String indent) {
    code.add(indent).add("default: throw new ");
    return code.add(RuntimeNames.OUT_OF_RANGE).add("(id);\n");
  }

  /**
   * The cases of ids {@code from} to {@code to}: one switch when they are at most {@link #GROUP},
   * else a switch over groups of {@code GROUP} consecutive ids, each a switch of its own (see
   * {@link #GROUP} for why).
   */
  private void cases(Code code, String indent, int from, int to, String receiver) {
    int memoized = 0;
    for (int id = from; id < to; id++) {
      memoized += binding(id).isMemoized() ? 1 : 0;
    }
    if (memoized == 0) { // injected instances only: nothing to construct
      code.add(indent).add("  throw new ").add(RuntimeNames.OUT_OF_RANGE).add("(id);\n");
      return;
    }
    if (memoized <= GROUP) {
      code.add(indent).add("  switch (id) {\n");
      group(code, indent + "  ", from, to, receiver);
      outOfRange(code, indent + "    ").add(indent).add("  }\n");
      return;
    }
    code.add(indent).add("  switch (id / ").add(GROUP).add(") {\n");
    for (int start = from - from % GROUP; start < to; start += GROUP) {
      int first = Math.max(from, start);
      int end = Math.min(to, start + GROUP);
      if (!anyMemoized(first, end)) {
        continue;
      }
      code.add(indent).add("    case ").add(start / GROUP).add(":\n");
      code.add(indent).add("      switch (id) {\n");
      group(code, indent + "      ", first, end, receiver);
      code.add(indent).add("      }\n").add(indent).add("      break;\n");
    }
    code.add(indent).add("  }\n");
    code.add(indent).add("  throw new ").add(RuntimeNames.OUT_OF_RANGE).add("(id);\n");
  }

  /** {@code case 5: return new ...;} for each memoized id from {@code from} to {@code to}. */
  private void group(Code code, String indent, int from, int to, String receiver) {
    for (int id = from; id < to; id++) {
      Binding binding = binding(id);
      if (binding.isMemoized()) {
        code.add(indent).add("  case ").add(id).add(": return ");
        construction(code, binding, receiver);
        code.add(";\n");
      }
    }
  }

  private boolean anyMemoized(int from, int to) {
    for (int id = from; id < to; id++) {
      if (binding(id).isMemoized()) {
        return true;
      }
    }
    return false;
  }

  private Binding binding(int id) {
    return graph.resolutions().get(keys.get(id)).binding();
  }

  /**
   * {@code new GuestBook((Clock) built[2])} or {@code Module.config(node.getEnv())}: what this
   * class holds read from the slots the runtime filled first, the rest through its accessor.
   */
  private void construction(Code code, Binding binding, String receiver) {
    if (binding.kind() == BindingKind.PROVIDES) {
      code.add(ClassRef.of(binding.owner())).add(".");
      code.add(binding.executable().getSimpleName().toString()).add("(");
    } else {
      code.add("new ").add(binding.owner().asType()).add("(");
    }
    List<Dependency> dependencies = binding.dependencies();
    for (int i = 0; i < dependencies.size(); i++) {
      code.add(i == 0 ? "" : ", ").add(scope.constructArgument(dependencies.get(i), receiver));
    }
    code.add(")");
  }

  /**
   * The largest size (from {@link #SIZES}, at most {@code max}, a multiple of {@code unit}) whose
   * every group of consecutive ids stays within {@code budget}: in bytecode, or in pool entries.
   */
  private int largest(int max, int unit, long budget, boolean bytecode) {
    for (int size : SIZES) {
      if (size > max || size % unit != 0) {
        continue;
      }
      boolean fits = true;
      for (int start = 0; fits && start < keys.size(); start += size) {
        fits = cost(start, Math.min(keys.size(), start + size), bytecode) <= budget;
      }
      if (fits) {
        return size;
      }
    }
    return unit;
  }

  private long total(boolean bytecode) {
    return cost(0, keys.size(), bytecode);
  }

  /**
   * An upper estimate of what the cases of ids {@code from} to {@code to} take: bytecode (the
   * switch's table entries, {@code new}, the constructor call and the jump out: about 19 bytes; per
   * argument a call of its accessor, 4 bytes, 6 for a provider, or {@code (Type) built[id]}, 9)
   * or constant-pool entries (the class, its constructor, a reference per argument's accessor).
   */
  private long cost(int from, int to, boolean bytecode) {
    // a group's switch: its header and a table entry per case, about 28 bytes, 4 per case
    long cost = bytecode ? 40 + 28L * ((to - from + GROUP - 1) / GROUP + 1) : 0;
    for (int id = from; id < to; id++) {
      Binding binding = binding(id);
      int arguments = binding.isMemoized() ? binding.dependencies().size() : 0;
      cost += bytecode ? 20 + 10L * arguments : 8 + 6L * arguments;
    }
    return cost;
  }
}
