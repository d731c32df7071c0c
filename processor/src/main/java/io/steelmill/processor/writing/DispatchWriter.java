package io.steelmill.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.ClassBudget;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.Key;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code construct(int id)}, which says how each binding id of a node class is made: a
 * switch per chunk of ids, so that no method grows with the graph. Each method stays far below
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

  /** Bytecode per dispatch method at most (estimated): half of HotSpot's HugeMethodLimit. */
  private static final int METHOD_BYTES = 4_000;

  /** Constant-pool entries the cases may take in the node class itself, and in a part. */
  private static final int SINGLE_CLASS_ENTRIES = 20_000;

  private static final int PART_ENTRIES = 40_000;

  private final BindingGraph graph;
  private final ScopeWriter scope;
  private final ClassName node;
  private final List<Key> keys;
  private final int chunk;
  private final int part; // ids per nested part class; 0: the cases stay in the node class

  DispatchWriter(BindingGraph graph, ScopeWriter scope, ClassName node) {
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
  List<MethodSpec> methods() {
    MethodSpec.Builder construct =
        method("construct", Modifier.PROTECTED, null).addAnnotation(Override.class);
    if (part > 0 && keys.size() > part) {
      CodeBlock.Builder parts = CodeBlock.builder().add("switch (id / $L) {\n$>", part);
      for (int start = 0; start < keys.size(); start += part) {
        parts.add("case $L: return $L.construct(this, id);\n", start / part, partName(start));
      }
      return List.of(construct.addCode(parts.add(outOfRange()).add("$<}\n").build()).build());
    }
    if (part > 0) {
      return List.of(construct.addStatement("return $L.construct(this, id)", partName(0)).build());
    }
    return chunked(construct, 0, keys.size(), null, Modifier.PRIVATE);
  }

  /** The nested part classes, or none. */
  List<TypeSpec> parts() {
    List<TypeSpec> parts = new ArrayList<>();
    for (int start = 0; part > 0 && start < keys.size(); start += part) {
      int end = Math.min(keys.size(), start + part);
      parts.add(
          TypeSpec.classBuilder(partName(start))
              .addModifiers(Modifier.STATIC, Modifier.FINAL)
              .addJavadoc(
                  "How bindings $L to $L of {@link $T} are made: a class of their own, as one"
                      + " class\nfile could not hold the whole graph.\n",
                  start,
                  end - 1,
                  node)
              .addMethods(
                  chunked(method("construct", Modifier.STATIC, "node"), start, end, "node",
                      Modifier.PRIVATE))
              .build());
    }
    return parts;
  }

  private String partName(int start) {
    return "Part" + start / part;
  }

  /**
   * {@code construct} for ids {@code from} to {@code to}: its cases, or a switch over chunk
   * methods holding them.
   */
  private List<MethodSpec> chunked(
      MethodSpec.Builder construct, int from, int to, String receiver, Modifier access) {
    if (to - from <= chunk) {
      return List.of(construct.addCode(cases(from, to, receiver)).build());
    }
    List<MethodSpec> methods = new ArrayList<>();
    CodeBlock.Builder chunks = CodeBlock.builder().add("switch (id / $L) {\n$>", chunk);
    for (int start = from; start < to; start += chunk) {
      String name = "construct" + start / chunk;
      CodeBlock call =
          receiver == null
              ? CodeBlock.of("$N(id)", name)
              : CodeBlock.of("$N($L, id)", name, receiver);
      chunks.add("case $L: return $L;\n", start / chunk, call);
      MethodSpec.Builder method = method(name, access, receiver);
      if (receiver != null) {
        method.addModifiers(Modifier.STATIC);
      }
      methods.add(method.addCode(cases(start, Math.min(to, start + chunk), receiver)).build());
    }
    methods.add(0, construct.addCode(chunks.add(outOfRange()).add("$<}\n").build()).build());
    return methods;
  }

  private MethodSpec.Builder method(String name, Modifier access, String receiver) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(name).addModifiers(access).returns(Object.class);
    if (receiver != null) {
      method.addParameter(node, receiver);
    }
    return method.addParameter(int.class, "id").addException(Throwable.class);
  }

  private static CodeBlock outOfRange() {
    return CodeBlock.of("default: throw new $T(id);\n", IndexOutOfBoundsException.class);
  }

  private CodeBlock cases(int from, int to, String receiver) {
    CodeBlock.Builder code = CodeBlock.builder().add("switch (id) {\n$>");
    boolean any = false;
    for (int id = from; id < to; id++) {
      Binding binding = graph.resolutions().get(keys.get(id)).binding();
      if (binding.isMemoized()) {
        code.add("case $L: return $L;\n", id, construction(binding, receiver));
        any = true;
      }
    }
    if (!any) { // injected instances only: nothing to construct
      return CodeBlock.of("throw new $T(id);\n", IndexOutOfBoundsException.class);
    }
    return code.add(outOfRange()).add("$<}\n").build();
  }

  /** {@code new GuestBook(getClock())} or {@code Module.config(node.getEnv())}. */
  private CodeBlock construction(Binding binding, String receiver) {
    CodeBlock.Builder arguments = CodeBlock.builder();
    List<Dependency> dependencies = binding.dependencies();
    for (int i = 0; i < dependencies.size(); i++) {
      arguments.add(i == 0 ? "$L" : ", $L", scope.argument(dependencies.get(i), receiver));
    }
    if (binding.kind() == BindingKind.PROVIDES) {
      return CodeBlock.of(
          "$T.$N($L)",
          ClassName.get(binding.owner()),
          binding.executable().getSimpleName().toString(),
          arguments.build());
    }
    return CodeBlock.of("new $T($L)", TypeName.get(binding.owner().asType()), arguments.build());
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
   * switch's table entry, {@code new}, the constructor call and the jump out: about 15 bytes; per
   * argument a call of its accessor, 4 bytes, 6 for a provider, or {@code (Type) get(id)}, 10)
   * or constant-pool entries (the class, its constructor, a reference per argument's accessor).
   */
  private long cost(int from, int to, boolean bytecode) {
    long cost = bytecode ? 40 : 0;
    for (int id = from; id < to; id++) {
      Binding binding = graph.resolutions().get(keys.get(id)).binding();
      int arguments = binding.isMemoized() ? binding.dependencies().size() : 0;
      cost += bytecode ? 16 + 10L * arguments : 8 + 6L * arguments;
    }
    return cost;
  }
}
