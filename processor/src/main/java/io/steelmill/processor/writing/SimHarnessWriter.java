package io.steelmill.processor.writing;

import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.FactoryDescriptor;
import java.util.Set;

/**
 * Writes {@code Steelmill<Name>Sim} in simulation builds, for root factories: typed clusters of
 * the factory's nodes for simulation tests ({@code SteelmillStoreSim.cluster(5)}), each node with
 * every entry point requested before it starts. Never written in production builds.
 */
public final class SimHarnessWriter {
  private static final ClassRef SIM_CLUSTER = ClassRef.of("io.steelmill.sim", "SimCluster");
  private static final ClassRef CONSUMER = ClassRef.of("java.util.function", "Consumer");
  private static final ClassRef LIST = ClassRef.of("java.util", "List");

  private final FactoryDescriptor factory;
  private final ClassRef node;
  private final ClassRef ambient;

  public SimHarnessWriter(BindingGraph graph) {
    this.factory = graph.factory();
    this.node = ClassRef.of(factory.packageName(), factory.generatedName());
    this.ambient = node.nested("Ambient");
  }

  public SourceFile write() {
    String name = node.simpleName() + "Sim";
    Code out = new Code().add("/**\n * Typed simulation clusters of {@link ");
    out.add(ClassRef.of(factory.element()).relativeName());
    out.add("} nodes, generated for simulation builds.\n */\n");
    RuntimeNames.generated(out, "simulation");
    out.add("public final class ").add(name).add(" {\n");
    Members members = new Members(out, "  ");
    members.next().add("  private ").add(name).add("() {\n  }\n");
    members.next("Hosts {@code n0 .. n<count-1>}, every entry point requested.");
    cluster(out).add("int count) {\n    return cluster(").add(SIM_CLUSTER)
        .add(".names(\"n\", count), node -> {});\n  }\n");
    members.next(
        "Hosts {@code hosts} of {@code ambient} (an ambient factory with its instances"
            + " injected),\nevery entry point requested.");
    cluster(out).add(ambient).add(" ambient, ").add(LIST).add("<").add(RuntimeNames.STRING)
        .add("> hosts) {\n");
    clusterOf(out, new Code().add("ambient"), null);
    members.next(
        "Hosts {@code hosts}; {@code beforeStart} runs on each new node first (to inject"
            + " instances),\nthen every entry point is requested.");
    cluster(out).add(LIST).add("<").add(RuntimeNames.STRING).add("> hosts, ").add(CONSUMER)
        .add("<").add(node).add("> beforeStart) {\n");
    clusterOf(out, new Code().add(node).add(".ambient()"), "beforeStart.accept(node);");
    out.add("}\n");
    return new SourceFile(factory.packageName(), name, factory.element(), Set.of(), out);
  }

  /** The start of a {@code cluster} method, up to its first parameter. */
  private Code cluster(Code out) {
    return out.add("  public static ").add(SIM_CLUSTER).add("<").add(ambient).add(", ").add(node)
        .add("> cluster(\n      ");
  }

  /** Its body: {@code SimCluster.of(...)}, each node's entry points requested. */
  private void clusterOf(Code out, Code ambientFactory, String first) {
    out.add("    return ").add(SIM_CLUSTER).add(".of(\n        ").add(ambientFactory)
        .add(",\n        ").add(ambient).add("::node,\n        node -> {\n");
    if (first != null) {
      out.add("          ").add(first).add('\n');
    }
    for (EntryPoint entryPoint : factory.entryPoints()) {
      out.add("          node.").add(entryPoint.name()).add("();\n");
    }
    out.add("        },\n        hosts);\n  }\n");
  }
}
