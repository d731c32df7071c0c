package io.steelmill.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.FactoryReader;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Resolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/**
 * Writes what one generated node class (a factory, or its nested ambient factory) needs for the
 * bindings it owns: the binding table, a one-line accessor per key, and {@code buildForChildren}
 * (split into chunks, so no method grows with the graph). {@link DispatchWriter} writes how each
 * binding id is made.
 */
final class ScopeWriter {
  /** Statements per prebuild method. */
  static final int CHUNK = 100;

  /**
   * Characters per text block of the binding table: a string constant holds at most 65,535 bytes
   * of modified UTF-8, three per character at worst.
   */
  private static final int TABLE_BLOCK_CHARS = 20_000;

  /** Aliases followed from one dependency at most (validation rejects alias cycles). */
  private static final int MAX_ALIASES = 32;

  /** Ids per line of {@code buildAll}'s list. */
  private static final int IDS_PER_LINE = 20;

  private final BindingGraph graph;
  private final Accessors names;
  private final Set<String> publicAccessors;
  private final Map<Key, Integer> ids = new LinkedHashMap<>();
  /** Each key's type name, made once: the fields, accessors and casts name it several times. */
  private final Map<Key, TypeName> types = new HashMap<>();

  /**
   * @param owned the keys whose instances this class holds, in id order
   * @param publicAccessors accessor names that are also entry points of the interface
   */
  ScopeWriter(BindingGraph graph, Accessors names, List<Key> owned, Set<String> publicAccessors) {
    this.graph = graph;
    this.names = names;
    this.publicAccessors = publicAccessors;
    for (Key key : owned) {
      ids.put(key, ids.size());
    }
  }

  /** Whether this class holds {@code key}'s instance. */
  boolean owns(Key key) {
    return ids.containsKey(key);
  }

  /** {@code private static final Bindings BINDINGS = Bindings.of("""...""");} */
  FieldSpec table() {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = new StringBuilder();
    for (Key key : ids.keySet()) {
      String line = line(key);
      if (!block.isEmpty() && block.length() + line.length() >= TABLE_BLOCK_CHARS) {
        blocks.add(block.toString());
        block.setLength(0);
      }
      block.append(line).append('\n');
    }
    if (!block.isEmpty() || blocks.isEmpty()) {
      blocks.add(block.toString());
    }
    CodeBlock.Builder initializer = CodeBlock.builder().add("$T.of(", RuntimeNames.BINDINGS);
    for (int i = 0; i < blocks.size(); i++) {
      initializer.add(i == 0 ? "\"\"\"\n$L\"\"\"" : ", \"\"\"\n$L\"\"\"", blocks.get(i));
    }
    return FieldSpec.builder(
            RuntimeNames.BINDINGS, "BINDINGS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(initializer.add(")").build())
        .build();
  }

  /**
   * {@code daemon test.Store [1] Store}: kind (with the method of a provided one), the class
   * {@code inject} accepts or -, the ids its construction asks for (left out when none), name.
   */
  private String line(Key key) {
    Binding binding = graph.resolutions().get(key).binding();
    String kind =
        switch (binding.kind()) {
          case CONSTRUCTOR -> "daemon";
          case PROVIDES ->
              "provided "
                  + binding.owner().getQualifiedName()
                  + "#"
                  + binding.executable().getSimpleName();
          default -> "injected";
        };
    String type = isPlainClass(key) ? binaryName(key) : "-";
    String name = key.displayName().replace("\\", "\\\\").replace("\"\"\"", "\\\"\"\"");
    String needs = needs(binding);
    return kind + " " + type + (needs.isEmpty() ? "" : " [" + needs + "]") + " " + name;
  }

  /**
   * {@code 1,2}: the ids of this class that {@code binding}'s construction asks for, through an
   * alias too; not through a {@code Provider}, nor what another node holds.
   */
  private String needs(Binding binding) {
    Set<Integer> needs = new LinkedHashSet<>();
    if (binding.isMemoized()) {
      for (Dependency dependency : binding.dependencies()) {
        collectNeeds(dependency, needs, 0);
      }
    }
    StringBuilder list = new StringBuilder();
    for (int id : needs) {
      list.append(list.isEmpty() ? "" : ",").append(id);
    }
    return list.toString();
  }

  private void collectNeeds(Dependency dependency, Set<Integer> needs, int aliases) {
    if (dependency.isProvider()) {
      return;
    }
    Integer id = ids.get(dependency.key());
    if (id != null) {
      needs.add(id);
      return;
    }
    Resolution resolution = graph.resolutions().get(dependency.key());
    Binding alias = resolution == null ? null : resolution.binding();
    if (alias != null && alias.kind() == BindingKind.ALIAS && aliases < MAX_ALIASES) {
      for (Dependency target : alias.dependencies()) {
        collectNeeds(target, needs, aliases + 1);
      }
    }
  }

  /**
   * The accessor of {@code key}: one line, its instance by id or from where it lives; or, when an
   * entry point is the accessor, that entry point keeping the instance in its field.
   *
   * @param elsewhere the call that returns the instance of a key another class holds, or null
   */
  MethodSpec accessor(Key key, CodeBlock elsewhere) {
    EntryPoint entryPoint = names.entryPointFor(key);
    if (entryPoint != null && !names.memoFields()) {
      return Accessors.implementing(entryPoint.method())
          .addStatement("return $L", value(key, elsewhere))
          .build();
    }
    if (entryPoint != null) {
      String field = Accessors.field(entryPoint);
      MethodSpec.Builder method =
          Accessors.implementing(entryPoint.method())
              .addStatement("$T instance = this.$N", typeOf(key), field);
      // the memo write stays a one-line slow path: the accessor must stay under C1's 35-byte
      // inlining limit, or the hot lookup pays a call wherever C2 has not inlined it yet
      return method
          .addStatement(
              "return instance != null ? instance : (this.$N = $L)", field, value(key, elsewhere))
          .build();
    }
    String name = names.name(key);
    MethodSpec.Builder method = MethodSpec.methodBuilder(name).returns(typeOf(key));
    if (publicAccessors.contains(name)) {
      method.addModifiers(Modifier.PUBLIC);
    }
    return method.addStatement("return $L", value(key, elsewhere)).build();
  }

  /** The field of an entry point that is its key's accessor: {@code private volatile Store store;}. */
  FieldSpec memoField(EntryPoint entryPoint) {
    return FieldSpec.builder(
            typeOf(entryPoint.request().key()),
            Accessors.field(entryPoint),
            Modifier.PRIVATE,
            Modifier.VOLATILE)
        .build();
  }

  /** What an accessor returns: {@code (Store) get(0)}, {@code parentFactory.getDisk()}, ... */
  private CodeBlock value(Key key, CodeBlock elsewhere) {
    if (ids.containsKey(key)) {
      return CodeBlock.of("($T) get($L)", typeOf(key), ids.get(key));
    }
    if (elsewhere != null) {
      return elsewhere;
    }
    Binding binding = graph.resolutions().get(key).binding();
    if (binding.kind() == BindingKind.CREATOR) {
      return CodeBlock.of("new $T(this)", typeOf(key));
    }
    return argument(binding.dependencies().get(0));
  }

  /** The keys this class holds, in id order. */
  List<Key> owned() {
    return List.copyOf(ids.keySet());
  }

  /**
   * {@code buildForChildren()}: the accessor of each key; past {@link #IDS_PER_LINE} keys that
   * this class holds, one {@code buildAll} of their ids instead (a list in a text block: javac
   * reads one constant where it would resolve a call per key).
   */
  List<MethodSpec> buildForChildren(List<Key> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("buildForChildren")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED);
    StringBuilder owned = new StringBuilder();
    int onLine = 0;
    boolean byIds = keys.stream().filter(ids::containsKey).count() > IDS_PER_LINE;
    for (Key key : keys) {
      Integer id = byIds ? ids.get(key) : null;
      if (id != null) {
        owned.append(onLine == 0 ? "" : " ").append(id);
        if (++onLine == IDS_PER_LINE) {
          owned.append('\n');
          onLine = 0;
        }
      }
    }
    if (!owned.isEmpty()) {
      if (onLine > 0) {
        owned.append('\n');
      }
      method.addStatement("buildAll(\"\"\"\n$L\"\"\")", owned);
    }
    List<MethodSpec> methods = new ArrayList<>();
    List<Key> elsewhere = keys.stream().filter(key -> !byIds || !ids.containsKey(key)).toList();
    for (int start = 0, chunk = 0; start < elsewhere.size(); start += CHUNK, chunk++) {
      MethodSpec.Builder target =
          elsewhere.size() <= CHUNK
              ? method
              : MethodSpec.methodBuilder("buildForChildren" + chunk).addModifiers(Modifier.PRIVATE);
      for (Key key : elsewhere.subList(start, Math.min(elsewhere.size(), start + CHUNK))) {
        target.addStatement("$N()", names.name(key));
      }
      if (elsewhere.size() > CHUNK) {
        method.addStatement("buildForChildren$L()", chunk);
        methods.add(target.build());
      }
    }
    methods.add(0, method.build());
    return methods;
  }

  /** {@code getDisk()} for an instance, {@code this::getDisk} for a provider. */
  CodeBlock argument(Dependency dependency) {
    return argument(dependency, null);
  }

  /**
   * The same on {@code node} (a nested class's parameter holding the generated node), or on this
   * node if null: {@code node.getDisk()}, {@code node::getDisk}.
   */
  CodeBlock argument(Dependency dependency, String node) {
    String accessor = names.name(dependency.key());
    if (dependency.isProvider()) {
      return CodeBlock.of("$L::$N", node == null ? "this" : node, accessor);
    }
    Key key = dependency.key();
    if (node == null && ids.containsKey(key) && names.entryPointFor(key) != null) {
      return value(key, null); // by id: an entry point's field is for its callers, not for wiring
    }
    return node == null ? CodeBlock.of("$N()", accessor) : CodeBlock.of("$L.$N()", node, accessor);
  }

  /** The key's type; a child factory's creator by its generated name (it may not exist yet). */
  TypeName typeOf(Key key) {
    return types.computeIfAbsent(key, this::nameOf);
  }

  private TypeName nameOf(Key key) {
    Resolution resolution = graph.resolutions().get(key);
    Binding binding = resolution == null ? null : resolution.binding();
    if (binding != null && binding.kind() == BindingKind.CREATOR) {
      return creatorName((TypeElement) binding.element());
    }
    return TypeName.get(key.type());
  }

  static ClassName creatorName(TypeElement child) {
    Element scope = child;
    while (!(scope instanceof javax.lang.model.element.PackageElement)) {
      scope = scope.getEnclosingElement();
    }
    String pkg = ((javax.lang.model.element.PackageElement) scope).getQualifiedName().toString();
    return ClassName.get(pkg, FactoryReader.generatedName(child), "Creator");
  }

  static boolean isPlainClass(Key key) {
    return !key.isQualified()
        && key.type().getKind() == TypeKind.DECLARED
        && ((DeclaredType) key.type()).getTypeArguments().isEmpty();
  }

  /** {@code a.b.Outer$Inner}: what {@code Class.getName()} returns. */
  private static String binaryName(Key key) {
    Element element = ((DeclaredType) key.type()).asElement();
    StringBuilder name = new StringBuilder(element.getSimpleName());
    Element enclosing = element.getEnclosingElement();
    while (enclosing instanceof TypeElement outer) {
      name.insert(0, outer.getSimpleName() + "$");
      enclosing = outer.getEnclosingElement();
    }
    String pkg = ((javax.lang.model.element.PackageElement) enclosing).getQualifiedName().toString();
    return pkg.isEmpty() ? name.toString() : pkg + "." + name;
  }
}
