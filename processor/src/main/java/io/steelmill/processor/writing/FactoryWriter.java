package io.steelmill.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.FactoryDescriptor;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Resolution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Writes {@code Steelmill<Name>} for one factory graph: a final class extending {@code Node} and
 * implementing the factory interface. The class holds no instances and no build protocol (both
 * live in the runtime's {@code FactoryCore}): it has a table of the bindings it owns, a one-line
 * accessor per key, and a {@code construct} dispatch saying how each binding id is made. A root
 * factory also gets a nested {@code Ambient} class owning the {@code @Ambient} daemons; a child
 * factory delegates its parent's bindings to the parent node, and gets a nested {@code Creator}
 * that daemons of the parent inject to create children.
 */
public final class FactoryWriter {
  private final BindingGraph graph;
  private final FactoryDescriptor factory;
  private final Accessors names;
  private final Accessors ambientNames;
  private final Accessors parentNames;
  private final ClassName self;
  private final ClassName ambientClass;
  private final ClassName parentClass;
  private final ScopeWriter node;
  private final ScopeWriter ambient;

  public FactoryWriter(BindingGraph graph) {
    this.graph = graph;
    this.factory = graph.factory();
    this.names = Accessors.of(graph);
    this.ambientNames = Accessors.ofAmbient(graph);
    this.parentNames = graph.parent() == null ? null : Accessors.of(graph.parent());
    this.self = ClassName.get(factory.packageName(), factory.generatedName());
    this.ambientClass = self.nestedClass("Ambient");
    this.parentClass =
        graph.parent() == null
            ? null
            : ClassName.get(
                graph.parent().factory().packageName(), graph.parent().factory().generatedName());
    Set<String> entryNames = new HashSet<>();
    for (EntryPoint entryPoint : factory.entryPoints()) {
      if (!entryPoint.request().isProvider()) {
        entryNames.add(entryPoint.name());
      }
    }
    List<Key> own = new ArrayList<>();
    List<Key> ambientOwn = new ArrayList<>();
    for (Resolution resolution : graph.resolutions().values()) {
      Binding binding = resolution.binding();
      if (binding != null && holdsInstance(binding)) {
        (graph.ambientKeys().contains(resolution.key()) ? ambientOwn : own).add(resolution.key());
      }
    }
    this.node = new ScopeWriter(graph, names, own, entryNames);
    this.ambient = new ScopeWriter(graph, ambientNames, ambientOwn, Set.of());
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
                FieldSpec.builder(
                        String.class, "MODE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The build mode this factory was generated for.\n")
                    .initializer("$S", graph.mode().toString())
                    .build())
            .addField(node.table())
            .addFields(memoFields())
            .addField(parentType(), parentField(), Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(constructor())
            .addMethods(creators());
    for (EntryPoint entryPoint : factory.entryPoints()) {
      if (!entryPoint.name().equals(names.name(entryPoint.request().key()))
          || entryPoint.request().isProvider()) {
        type.addMethod(
            Accessors.implementing(entryPoint.method())
                .addStatement("return $L", node.argument(entryPoint.request()))
                .build());
      }
    }
    for (Resolution resolution : graph.resolutions().values()) {
      type.addMethod(node.accessor(resolution.key(), elsewhere(resolution)));
    }
    DispatchWriter dispatch = new DispatchWriter(graph, node, self);
    type.addMethods(dispatch.methods());
    type.addMethods(node.buildForChildren(List.copyOf(graph.childReach())));
    type.addTypes(dispatch.parts());
    if (parentClass == null) {
      type.addType(ambient());
    } else {
      type.addType(new CreatorWriter(graph, self, parentClass, node).write());
    }
    return JavaFile.builder(factory.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /** The memo fields of the entry points that are their keys' accessors. */
  private List<FieldSpec> memoFields() {
    List<FieldSpec> fields = new ArrayList<>();
    if (!names.memoFields()) {
      return fields;
    }
    for (Resolution resolution : graph.resolutions().values()) {
      EntryPoint entryPoint = names.entryPointFor(resolution.key());
      if (entryPoint != null) {
        fields.add(node.memoField(entryPoint));
      }
    }
    return fields;
  }

  /**
   * The call that returns a key this class does not hold: {@code parentFactory.getDisk()} or
   * {@code ambient.getClock()}; null for a key made here.
   */
  private CodeBlock elsewhere(Resolution resolution) {
    Key key = resolution.key();
    if (resolution.fromParent()) {
      boolean known = graph.parent().resolutions().containsKey(key);
      return CodeBlock.of("parentFactory.$N()", (known ? parentNames : names).name(key));
    }
    if (graph.ambientKeys().contains(key)) {
      return CodeBlock.of("ambient.$N()", ambientNames.name(key));
    }
    return null;
  }

  private ClassName parentType() {
    return parentClass == null ? ambientClass : parentClass;
  }

  private String parentField() {
    return parentClass == null ? "ambient" : "parentFactory";
  }

  private MethodSpec constructor() {
    return MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(String.class, "name")
        .addParameter(parentType(), parentField())
        .addStatement("super(new $T(name, BINDINGS), $N)", RuntimeNames.FACTORY_CORE, parentField())
        .addStatement("this.$N = $N", parentField(), parentField())
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
              .addStatement("return new $T(name, parent)", self)
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
            .addJavadoc(
                "Creates a node named {@code name} with an ambient factory of its own, which"
                    + " stops with\nit.\n")
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

  private TypeSpec ambient() {
    List<Key> keys = List.copyOf(graph.ambientKeys());
    TypeSpec.Builder type =
        TypeSpec.classBuilder(ambientClass)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .superclass(RuntimeNames.NODE)
            .addJavadoc(
                "The ambient factory of {@link $T}: the root of a cluster. It owns the"
                    + " {@code @Ambient}\ndaemons, which every node created by"
                    + " {@link #node(String)} shares; it builds them all and\nstarts with the"
                    + " first node, so a node created later finds each one running.\n",
                self)
            .addField(ambient.table())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addStatement(
                        "super(new $T($S, BINDINGS), null)", RuntimeNames.FACTORY_CORE, "ambient")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("node")
                    .addJavadoc(
                        "Creates a node named {@code name} (a host) that shares this factory's"
                            + " daemons.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(self)
                    .addParameter(String.class, "name")
                    .addStatement("return new $T(name, this)", self)
                    .build());
    for (Key key : keys) {
      type.addMethod(ambient.accessor(key, null));
    }
    DispatchWriter dispatch = new DispatchWriter(graph, ambient, ambientClass);
    type.addMethods(dispatch.methods());
    type.addMethods(ambient.buildForChildren(keys));
    type.addTypes(dispatch.parts());
    return type.build();
  }

  /** Built and memoized, or injected: the node holds the instance under a binding id. */
  private static boolean holdsInstance(Binding binding) {
    return binding.isMemoized() || binding.kind() == BindingKind.INJECTED;
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
        .add("<p>{@code BINDINGS} lists the bindings this node owns, by id (in brackets, the ids\n")
        .add("each one's construction needs); {@code construct} says how each id is made.\n")
        .add("Each accessor returns the node's instance: the runtime\n")
        .add("builds it (and what it needs) on first use, once, also under concurrent first use;\n")
        .add("after that it is an array read. An entry point is its key's accessor and keeps\n")
        .add("the instance in a field, so a repeated call is one field read. Child factories\n")
        .add("call the accessors to share this node's daemons.\n")
        .build();
  }
}
