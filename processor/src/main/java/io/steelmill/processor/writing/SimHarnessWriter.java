package io.steelmill.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.FactoryDescriptor;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code Steelmill<Name>Sim} in simulation builds, for root factories: typed clusters of
 * the factory's nodes for simulation tests ({@code SteelmillStoreSim.cluster(5)}), each node with
 * every entry point requested before it starts. Never written in production builds.
 */
public final class SimHarnessWriter {
  private static final ClassName SIM_CLUSTER = ClassName.get("io.steelmill.sim", "SimCluster");
  private static final ClassName CONSUMER = ClassName.get("java.util.function", "Consumer");
  private static final ClassName LIST = ClassName.get("java.util", "List");

  private final FactoryDescriptor factory;
  private final ClassName node;
  private final ClassName ambient;

  public SimHarnessWriter(BindingGraph graph) {
    this.factory = graph.factory();
    this.node = ClassName.get(factory.packageName(), factory.generatedName());
    this.ambient = node.nestedClass("Ambient");
  }

  public JavaFile write() {
    ParameterizedTypeName cluster = ParameterizedTypeName.get(SIM_CLUSTER, ambient, node);
    ParameterizedTypeName setup = ParameterizedTypeName.get(CONSUMER, node);
    CodeBlock.Builder requests = CodeBlock.builder();
    for (EntryPoint entryPoint : factory.entryPoints()) {
      requests.addStatement("node.$N()", entryPoint.name());
    }
    TypeSpec type =
        TypeSpec.classBuilder(node.simpleName() + "Sim")
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(
                AnnotationSpec.builder(RuntimeNames.GENERATED)
                    .addMember("value", "$S", RuntimeNames.PROCESSOR)
                    .addMember("comments", "$S", "mode=simulation; " + RuntimeNames.DOCS)
                    .build())
            .addOriginatingElement(factory.element())
            .addJavadoc(
                "Typed simulation clusters of {@link $T} nodes, generated for simulation builds.\n",
                factory.element())
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .addMethod(
                MethodSpec.methodBuilder("cluster")
                    .addJavadoc("Hosts {@code n0 .. n<count-1>}, every entry point requested.\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(cluster)
                    .addParameter(int.class, "count")
                    .addStatement("return cluster($T.names($S, count), node -> {})", SIM_CLUSTER, "n")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("cluster")
                    .addJavadoc(
                        "Hosts {@code hosts} of {@code ambient} (an ambient factory with its"
                            + " instances injected),\nevery entry point requested.\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(cluster)
                    .addParameter(ambient, "ambient")
                    .addParameter(ParameterizedTypeName.get(LIST, ClassName.get(String.class)), "hosts")
                    .addCode(
                        CodeBlock.builder()
                            .add("return $T.of(\n", SIM_CLUSTER)
                            .indent()
                            .add("ambient,\n")
                            .add("$T::node,\n", this.ambient)
                            .add("node -> {\n")
                            .indent()
                            .add(requests.build())
                            .unindent()
                            .add("},\n")
                            .add("hosts);\n")
                            .unindent()
                            .build())
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("cluster")
                    .addJavadoc(
                        "Hosts {@code hosts}; {@code beforeStart} runs on each new node first (to"
                            + " inject instances),\nthen every entry point is requested.\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(cluster)
                    .addParameter(ParameterizedTypeName.get(LIST, ClassName.get(String.class)), "hosts")
                    .addParameter(setup, "beforeStart")
                    .addCode(
                        CodeBlock.builder()
                            .add("return $T.of(\n", SIM_CLUSTER)
                            .indent()
                            .add("$T.ambient(),\n", node)
                            .add("$T::node,\n", ambient)
                            .add("node -> {\n")
                            .indent()
                            .addStatement("beforeStart.accept(node)")
                            .add(requests.build())
                            .unindent()
                            .add("},\n")
                            .add("hosts);\n")
                            .unindent()
                            .build())
                    .build())
            .build();
    return JavaFile.builder(factory.packageName(), type).skipJavaLangImports(true).indent("  ").build();
  }
}
