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
import java.util.LinkedHashMap;
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
 * bindings it owns: the binding table, a one-line accessor per key, the {@code construct}
 * dispatch over binding ids (split into chunks, so no method grows with the graph: each stays
 * far below HotSpot's 8,000-byte limit for JIT compilation), and {@code buildForChildren}.
 */
final class ScopeWriter {
  /** Cases per dispatch method, and statements per prebuild method. */
  static final int CHUNK = 100;

  /**
   * Characters per text block of the binding table: a string constant holds at most 65,535 bytes
   * of modified UTF-8, three per character at worst.
   */
  private static final int TABLE_BLOCK_CHARS = 20_000;

  private final BindingGraph graph;
  private final Accessors names;
  private final Set<String> publicAccessors;
  private final Map<Key, Integer> ids = new LinkedHashMap<>();

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
   * {@code daemon test.Store Store}: kind (with the method of a provided one), the class {@code
   * inject} accepts or -, name.
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
    return kind + " " + type + " " + name;
  }

  /**
   * The accessor of {@code key}: one line, its instance by id or from where it lives; or, when an
   * entry point is the accessor, that entry point keeping the instance in its field.
   *
   * @param elsewhere the call that returns the instance of a key another class holds, or null
   */
  MethodSpec accessor(Key key, CodeBlock elsewhere) {
    EntryPoint entryPoint = names.memoizedBy(key);
    if (entryPoint != null) {
      String field = Accessors.field(entryPoint);
      return MethodSpec.overriding(entryPoint.method())
          .addStatement("$T instance = this.$N", typeOf(key), field)
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

  /** The memo field of an entry point that is its key's accessor: {@code private volatile Store store;}. */
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

  /** {@code construct(int id)}: one case per id, in chunks of {@link #CHUNK}. */
  List<MethodSpec> dispatch() {
    List<Key> keys = new ArrayList<>(ids.keySet());
    MethodSpec.Builder construct =
        dispatchMethod("construct", Modifier.PROTECTED).addAnnotation(Override.class);
    if (keys.size() <= CHUNK) {
      return List.of(construct.addCode(cases(keys, 0)).build());
    }
    List<MethodSpec> methods = new ArrayList<>();
    CodeBlock.Builder chunks = CodeBlock.builder().add("return switch (id / $L) {\n$>", CHUNK);
    for (int start = 0, chunk = 0; start < keys.size(); start += CHUNK, chunk++) {
      List<Key> part = keys.subList(start, Math.min(keys.size(), start + CHUNK));
      chunks.add("case $L -> construct$L(id);\n", chunk, chunk);
      methods.add(dispatchMethod("construct" + chunk, Modifier.PRIVATE).addCode(cases(part, start)).build());
    }
    chunks.add("default -> throw new $T(id);\n$<};\n", IndexOutOfBoundsException.class);
    methods.add(0, construct.addCode(chunks.build()).build());
    return methods;
  }

  private static MethodSpec.Builder dispatchMethod(String name, Modifier access) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(access)
        .returns(Object.class)
        .addParameter(int.class, "id")
        .addException(Throwable.class);
  }

  private CodeBlock cases(List<Key> keys, int first) {
    CodeBlock.Builder code = CodeBlock.builder().add("return switch (id) {\n$>");
    boolean any = false;
    for (int i = 0; i < keys.size(); i++) {
      Binding binding = graph.resolutions().get(keys.get(i)).binding();
      if (binding.isMemoized()) {
        code.add("case $L -> $L;\n", first + i, construction(binding));
        any = true;
      }
    }
    if (!any) { // injected instances only: nothing to construct
      return CodeBlock.of("throw new $T(id);\n", IndexOutOfBoundsException.class);
    }
    return code.add("default -> throw new $T(id);\n$<};\n", IndexOutOfBoundsException.class)
        .build();
  }

  /** {@code buildForChildren()}: the accessor of every key in {@code keys}, in chunks. */
  List<MethodSpec> buildForChildren(List<Key> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("buildForChildren")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED);
    List<MethodSpec> methods = new ArrayList<>();
    for (int start = 0, chunk = 0; start < keys.size(); start += CHUNK, chunk++) {
      MethodSpec.Builder target =
          keys.size() <= CHUNK
              ? method
              : MethodSpec.methodBuilder("buildForChildren" + chunk).addModifiers(Modifier.PRIVATE);
      for (Key key : keys.subList(start, Math.min(keys.size(), start + CHUNK))) {
        target.addStatement("$N()", names.name(key));
      }
      if (keys.size() > CHUNK) {
        method.addStatement("buildForChildren$L()", chunk);
        methods.add(target.build());
      }
    }
    methods.add(0, method.build());
    return methods;
  }

  /** {@code new GuestBook(getClock())} or {@code Module.config(getEnv())}. */
  private CodeBlock construction(Binding binding) {
    CodeBlock.Builder arguments = CodeBlock.builder();
    List<Dependency> dependencies = binding.dependencies();
    for (int i = 0; i < dependencies.size(); i++) {
      arguments.add(i == 0 ? "$L" : ", $L", argument(dependencies.get(i)));
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

  /** {@code getDisk()} for an instance, {@code this::getDisk} for a provider. */
  CodeBlock argument(Dependency dependency) {
    String accessor = names.name(dependency.key());
    return dependency.isProvider()
        ? CodeBlock.of("this::$N", accessor)
        : CodeBlock.of("$N()", accessor);
  }

  /** The key's type; a child factory's creator by its generated name (it may not exist yet). */
  TypeName typeOf(Key key) {
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
