package io.steelmill.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.steelmill.processor.model.AccessorNames;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.FactoryDescriptor;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Resolution;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/**
 * Writes {@code Steelmill<Name>} for one factory graph: a final class extending {@code Node} and
 * implementing the factory interface. Each binding gets a volatile field and a {@code get<Key>()}
 * accessor that reads it without a lock and builds it, once, under the factory's lock on first
 * use. A root factory also gets a nested {@code Ambient} class owning the {@code @Ambient}
 * daemons; a child factory delegates its parent's bindings to the parent node.
 */
public final class FactoryWriter {
  private final BindingGraph graph;
  private final FactoryDescriptor factory;
  private final AccessorNames names;
  private final ClassName self;
  private final ClassName ambientClass;
  private final ClassName parentClass;

  public FactoryWriter(BindingGraph graph) {
    this.graph = graph;
    this.factory = graph.factory();
    this.names = AccessorNames.of(graph);
    this.self = ClassName.get(factory.packageName(), factory.generatedName());
    this.ambientClass = self.nestedClass("Ambient");
    this.parentClass =
        graph.parent() == null
            ? null
            : ClassName.get(
                graph.parent().factory().packageName(), graph.parent().factory().generatedName());
  }

  public JavaFile write() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(RuntimeNames.NODE)
            .addSuperinterface(TypeName.get(factory.element().asType()))
            .addAnnotation(generated())
            .addJavadoc(classJavadoc())
            .addOriginatingElement(factory.element())
            .addField(
                FieldSpec.builder(String.class, "MODE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The build mode this factory was generated for.\n")
                    .initializer("$S", graph.mode().toString())
                    .build())
            .addField(RuntimeNames.FACTORY_CORE, "core", Modifier.PRIVATE, Modifier.FINAL);
    if (parentClass == null) {
      type.addField(ambientClass, "ambient", Modifier.PRIVATE, Modifier.FINAL);
    } else {
      type.addField(parentClass, "parentFactory", Modifier.PRIVATE, Modifier.FINAL);
    }
    for (Resolution resolution : graph.resolutions().values()) {
      if (isOwnMemo(resolution)) {
        type.addField(field(resolution.key()));
      }
    }
    type.addMethod(constructor());
    type.addMethods(creators());
    for (EntryPoint entryPoint : factory.entryPoints()) {
      if (!entryPoint.name().equals(names.accessor(entryPoint.request().key()))
          || entryPoint.request().isProvider()) {
        type.addMethod(entryPoint(entryPoint));
      }
    }
    for (Resolution resolution : graph.resolutions().values()) {
      type.addMethods(accessor(resolution, false));
    }
    type.addMethods(bindMethods(false));
    if (parentClass == null) {
      type.addType(ambient());
    }
    return JavaFile.builder(factory.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  // ---- the node class -------------------------------------------------------------------------

  private MethodSpec constructor() {
    ClassName parentType = parentClass == null ? ambientClass : parentClass;
    String parentField = parentClass == null ? "ambient" : "parentFactory";
    return MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(RuntimeNames.FACTORY_CORE, "core")
        .addParameter(parentType, parentField)
        .addStatement("super(core, $N)", parentField)
        .addStatement("this.core = core")
        .addStatement("this.$N = $N", parentField, parentField)
        .build();
  }

  private List<MethodSpec> creators() {
    if (parentClass != null) {
      return List.of(
          MethodSpec.methodBuilder("create")
              .addJavadoc(
                  "Creates a child node named {@code name} of the running node {@code parent}.\n"
                      + "It may inject every binding of the parent's graph, and stops before it.\n")
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(self)
              .addParameter(parentClass, "parent")
              .addParameter(String.class, "name")
              .addStatement("return new $T(new $T(name), parent)", self, RuntimeNames.FACTORY_CORE)
              .build());
    }
    return List.of(
        MethodSpec.methodBuilder("create")
            .addJavadoc("Creates a node named {@code \"main\"} with an ambient factory of its own.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(self)
            .addStatement("return create($S)", "main")
            .build(),
        MethodSpec.methodBuilder("create")
            .addJavadoc("Creates a node named {@code name} with an ambient factory of its own, which stops with\nit.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(self)
            .addParameter(String.class, "name")
            .addStatement("$T node = ambient().node(name)", self)
            .addStatement("node.ownParent()")
            .addStatement("return node")
            .build(),
        MethodSpec.methodBuilder("ambient")
            .addJavadoc(
                "Creates an ambient factory: the root of a cluster, whose nodes share its"
                    + " {@code @Ambient} daemons.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(ambientClass)
            .addStatement("return new $T()", ambientClass)
            .build());
  }

  private MethodSpec entryPoint(EntryPoint entryPoint) {
    Dependency request = entryPoint.request();
    return MethodSpec.overriding(entryPoint.method())
        .addStatement("return $L", argument(request))
        .build();
  }

  // ---- the ambient class ----------------------------------------------------------------------

  private TypeSpec ambient() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(ambientClass)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .superclass(RuntimeNames.NODE)
            .addJavadoc(
                "The ambient factory of {@link $T}: the root of a cluster. It owns the"
                    + " {@code @Ambient}\ndaemons, which every node created by"
                    + " {@link #node(String)} shares, and starts with the first node.\n",
                self)
            .addField(RuntimeNames.FACTORY_CORE, "core", Modifier.PRIVATE, Modifier.FINAL);
    for (Key key : graph.ambientKeys()) {
      if (holdsInstance(graph.resolutions().get(key).binding())) {
        type.addField(field(key));
      }
    }
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addStatement("this(new $T($S))", RuntimeNames.FACTORY_CORE, "ambient")
            .build());
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addParameter(RuntimeNames.FACTORY_CORE, "core")
            .addStatement("super(core, null)")
            .addStatement("this.core = core")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("node")
            .addJavadoc("Creates a node named {@code name} (a host) that shares this factory's daemons.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(self)
            .addParameter(String.class, "name")
            .addStatement("return new $T(new $T(name), this)", self, RuntimeNames.FACTORY_CORE)
            .build());
    for (Key key : graph.ambientKeys()) {
      type.addMethods(accessor(graph.resolutions().get(key), true));
    }
    type.addMethods(bindMethods(true));
    return type.build();
  }

  // ---- accessors ------------------------------------------------------------------------------

  /** Whether the node class itself holds the instance of this key. */
  private boolean isOwnMemo(Resolution resolution) {
    Binding binding = resolution.binding();
    return binding != null
        && !graph.ambientKeys().contains(resolution.key())
        && holdsInstance(binding);
  }

  /** Built and memoized, or injected: a field holds the instance. */
  private static boolean holdsInstance(Binding binding) {
    return binding.isMemoized() || binding.kind() == BindingKind.INJECTED;
  }

  private FieldSpec field(Key key) {
    return FieldSpec.builder(typeOf(key), names.field(key), Modifier.PRIVATE, Modifier.VOLATILE)
        .build();
  }

  /** The accessor of one key, and its build method when the class memoizes it. */
  private List<MethodSpec> accessor(Resolution resolution, boolean inAmbient) {
    Key key = resolution.key();
    String name = names.accessor(key);
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(typeOf(key));
    Binding binding = resolution.binding();
    if (resolution.fromParent()) {
      return List.of(
          method
              .addJavadoc("Binding accessor: {@code $L}, from the parent node.\n", key.displayName())
              .addStatement("return parentFactory.$N()", name)
              .build());
    }
    method.addJavadoc("Binding accessor: {@code $L}.\n", key.displayName());
    if (!inAmbient && graph.ambientKeys().contains(key)) {
      return List.of(method.addStatement("return ambient.$N()", name).build());
    }
    if (binding.kind() == BindingKind.ALIAS) {
      return List.of(method.addStatement("return $L", argument(binding.dependencies().get(0))).build());
    }
    String field = names.field(key);
    if (binding.kind() == BindingKind.INJECTED) {
      return List.of(
          method
              .addStatement("$T instance = $N", typeOf(key), field)
              .beginControlFlow("if (instance == null)")
              .addStatement("throw core.notInjected($S)", key.displayName())
              .endControlFlow()
              .addStatement("return instance")
              .build());
    }
    String build = "build" + name.substring("get".length());
    MethodSpec getter =
        method
            .addStatement("$T instance = $N", typeOf(key), field)
            .addStatement("return instance != null ? instance : $N()", build)
            .build();
    MethodSpec builder =
        MethodSpec.methodBuilder(build)
            .addModifiers(Modifier.PRIVATE)
            .returns(typeOf(key))
            .addStatement("core.enter($S)", key.displayName())
            .beginControlFlow("try")
            .beginControlFlow("if ($N == null)", field)
            .addStatement("core.checkOpen()")
            .addStatement(
                "$N = core.$N($L)",
                field,
                binding.kind() == BindingKind.PROVIDES ? "provided" : "constructed",
                construction(binding))
            .endControlFlow()
            .addStatement("return $N", field)
            .nextControlFlow("catch ($T t)", Throwable.class)
            .addStatement("throw core.failure(t)")
            .nextControlFlow("finally")
            .addStatement("core.exit()")
            .endControlFlow()
            .build();
    return List.of(getter, builder);
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
          "$T.$N($L)", ClassName.get(binding.owner()), binding.executable().getSimpleName().toString(),
          arguments.build());
    }
    return CodeBlock.of("new $T($L)", TypeName.get(binding.owner().asType()), arguments.build());
  }

  /** {@code getDisk()} for an instance, {@code this::getDisk} for a provider. */
  private CodeBlock argument(Dependency dependency) {
    String accessor = names.accessor(dependency.key());
    return dependency.isProvider()
        ? CodeBlock.of("this::$N", accessor)
        : CodeBlock.of("$N()", accessor);
  }

  /** Keys per dispatch method: keeps every generated method far below the JVM's 64 KB limit. */
  private static final int BIND_CHUNK = 200;

  /**
   * {@code bind}: the typed half of {@code Node.inject}, for unqualified, non-generic keys. One
   * small {@code bind<Key>} method per key, and a dispatch split into chunks, so no method grows
   * with the size of the graph.
   */
  private List<MethodSpec> bindMethods(boolean inAmbient) {
    List<Key> keys = new java.util.ArrayList<>();
    for (Resolution resolution : graph.resolutions().values()) {
      Key key = resolution.key();
      boolean owned =
          inAmbient
              ? graph.ambientKeys().contains(key) && holdsInstance(resolution.binding())
              : isOwnMemo(resolution);
      if (owned && !key.isQualified() && isPlainClass(key)) {
        keys.add(key);
      }
    }
    List<MethodSpec> methods = new java.util.ArrayList<>();
    TypeName classOfAny =
        ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class));
    MethodSpec.Builder bind =
        MethodSpec.methodBuilder("bind")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .returns(boolean.class)
            .addParameter(classOfAny, "type")
            .addParameter(Object.class, "instance");
    int chunks = (keys.size() + BIND_CHUNK - 1) / BIND_CHUNK;
    for (int chunk = 0; chunk < chunks; chunk++) {
      List<Key> part = keys.subList(chunk * BIND_CHUNK, Math.min(keys.size(), (chunk + 1) * BIND_CHUNK));
      MethodSpec.Builder dispatch = chunks == 1 ? bind : MethodSpec.methodBuilder("bind" + chunk)
          .addModifiers(Modifier.PRIVATE)
          .returns(boolean.class)
          .addParameter(classOfAny, "type")
          .addParameter(Object.class, "instance");
      for (Key key : part) {
        String method = "bind" + names.accessor(key).substring("get".length());
        dispatch
            .beginControlFlow("if (type == $T.class)", typeOf(key))
            .addStatement("return $N(($T) instance)", method, typeOf(key))
            .endControlFlow();
        methods.add(bindOne(key, method));
      }
      if (chunks > 1) {
        methods.add(dispatch.addStatement("return false").build());
        bind.beginControlFlow("if (bind$L(type, instance))", chunk)
            .addStatement("return true")
            .endControlFlow();
      }
    }
    methods.add(0, bind.addStatement("return false").build());
    return methods;
  }

  private MethodSpec bindOne(Key key, String method) {
    String field = names.field(key);
    return MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PRIVATE)
        .returns(boolean.class)
        .addParameter(typeOf(key), "instance")
        .addStatement("core.enter($S)", key.displayName())
        .beginControlFlow("try")
        .beginControlFlow("if ($N != null)", field)
        .addStatement("throw core.alreadyBuilt($S)", key.displayName())
        .endControlFlow()
        .addStatement("$N = core.injected(instance)", field)
        .addStatement("return true")
        .nextControlFlow("finally")
        .addStatement("core.exit()")
        .endControlFlow()
        .build();
  }

  private static boolean isPlainClass(Key key) {
    return key.type().getKind() == TypeKind.DECLARED
        && ((javax.lang.model.type.DeclaredType) key.type()).getTypeArguments().isEmpty();
  }

  private static TypeName typeOf(Key key) {
    return TypeName.get(key.type());
  }

  private AnnotationSpec generated() {
    return AnnotationSpec.builder(RuntimeNames.GENERATED)
        .addMember("value", "$S", RuntimeNames.PROCESSOR)
        .addMember("comments", "$S", "mode=" + graph.mode() + "; " + RuntimeNames.DOCS)
        .build();
  }

  private CodeBlock classJavadoc() {
    TypeElement element = factory.element();
    return CodeBlock.builder()
        .add("The Steelmill factory for {@link $T}, generated for $L mode.\n\n", element, graph.mode())
        .add("<p>Each {@code get...()} method is a binding accessor: it returns the node's instance,\n")
        .add("building it (and what it needs) on first use, once, also under concurrent first use.\n")
        .add("After that it is a plain field read. The entry points of the interface delegate to\n")
        .add("them; child factories call them to share this node's daemons.\n")
        .build();
  }
}
