package io.steelmill.processor.writing;

import io.steelmill.processor.model.AccessorNames;
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
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Writes {@code Steelmill<Name>} for one factory graph: a final class extending {@code Node} and
 * implementing the factory interface. The class holds no instances and no build protocol (both
 * live in the runtime's {@code FactoryCore}): it has a table of the bindings it owns, a one-line
 * accessor per key, and a {@code construct} dispatch saying how each binding id is made. A root
 * factory also gets a nested {@code Ambient} class owning the {@code @Ambient} daemons; a child
 * factory delegates its parent's bindings to the parent node, and gets a nested {@code Creator}
 * that daemons of the parent inject to create children.
 *
 * <p>The text is written directly (with {@link Code}, which leaves only the class names to
 * {@link SourceFile}): one pass over the graph, no intermediate tree of specs.
 */
public final class FactoryWriter {
  private final BindingGraph graph;
  private final FactoryDescriptor factory;
  private final Accessors names;
  private final Accessors ambientNames;
  private final Accessors parentNames;
  private final ClassRef self;
  private final ClassRef ambientClass;
  private final ClassRef parentClass;
  private final ScopeWriter node;
  private final ScopeWriter ambient;
  /** The binary suffix of the longest nested class written so far ({@code $Ambient$Part3}). */
  private String longestNested = "";

  public FactoryWriter(BindingGraph graph) {
    this.graph = graph;
    this.factory = graph.factory();
    AccessorNames graphNames = AccessorNames.of(graph);
    this.names = Accessors.of(graph, graphNames);
    this.ambientNames = Accessors.ofAmbient(graph, graphNames);
    this.parentNames = graph.parent() == null ? null : Accessors.of(graph.parent());
    this.self = ClassRef.of(factory.packageName(), factory.generatedName());
    this.ambientClass = self.nested("Ambient");
    this.parentClass =
        graph.parent() == null
            ? null
            : ClassRef.of(
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

  public SourceFile write() {
    Set<String> hidden = new HashSet<>();
    inheritedMemberTypes(factory.element(), hidden, new HashSet<>());
    hidden.add(parentClass == null ? "Ambient" : "Creator");
    Code out = new Code();
    out.add("/**\n * ");
    out.add(classJavadoc().replace("\n", "\n * ").replace(" * \n", " *\n"));
    out.add("\n */\n");
    RuntimeNames.generated(out, graph.mode().toString());
    out.add("public final class ").add(self.simpleName()).add(" extends ").add(RuntimeNames.NODE);
    out.add(" implements ").add(factory.element().asType()).add(" {\n");
    Members members = new Members(out, "  ");
    members.next("The build mode this factory was generated for.")
        .add("  public static final ").add(RuntimeNames.STRING).add(" MODE = ")
        .literal(graph.mode().toString()).add(";\n");
    if (!factory.children().isEmpty()) {
      members.next("The child factories this class was written knowing (it builds before it"
              + " starts what\nthey take from it): the processor reads it when a child is"
              + " compiled again alone.")
          .add("  static final ").add(RuntimeNames.STRING).add(" CHILDREN = ")
          .literal(childrenNames()).add(";\n");
    }
    node.table(members);
    if (names.memoFields()) {
      boolean first = true;
      for (Resolution resolution : graph.resolutions().values()) {
        EntryPoint entryPoint = names.entryPointFor(resolution.key());
        if (entryPoint != null) {
          node.memoField(members, entryPoint, first);
          first = false;
        }
      }
    }
    members.next().add("  private final ").add(parentType()).add(" ").add(parentField()).add(";\n");
    constructor(members);
    creators(members);
    for (EntryPoint entryPoint : factory.entryPoints()) {
      if (!entryPoint.name().equals(names.name(entryPoint.request().key()))
          || entryPoint.request().isProvider()) {
        Overrides.of(members.next(), "  ", entryPoint.method(), returnType(entryPoint))
            .add("    return ").add(node.argument(entryPoint.request())).add(";\n  }\n");
      }
    }
    // every key keeps its accessor: child factories call them, and so may code of the package
    for (Resolution resolution : graph.resolutions().values()) {
      node.accessor(members, resolution.key(), elsewhere(resolution));
    }
    DispatchWriter dispatch = new DispatchWriter(graph, node, self);
    dispatch.methods(members);
    node.buildForChildren(members, List.copyOf(graph.childReach()));
    dispatch.parts(members);
    hidden.addAll(dispatch.partNames());
    longer(dispatch.partNames(), "$");
    if (parentClass == null) {
      ambient(members, hidden);
    } else {
      new CreatorWriter(graph, self, parentClass, node).write(members);
      longer(Set.of("Creator"), "$");
    }
    out.add("}\n");
    return new SourceFile(
        factory.packageName(), self.simpleName(), factory.element(), hidden, fields(), out)
        .longestNested(longestNested);
  }

  /** Keeps the longest (in UTF-8 bytes) of {@code prefix + name} for the names given. */
  private void longer(Set<String> names, String prefix) {
    for (String name : names) {
      String suffix = prefix + name;
      if (suffix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
          > longestNested.getBytes(java.nio.charset.StandardCharsets.UTF_8).length) {
        longestNested = suffix;
      }
    }
  }

  /**
   * The names of the fields in scope in the generated class (its own, the constants of the
   * factory interface) and of {@code construct}'s parameter: any of them hides a package of the
   * same name in a class name written in full.
   */
  private Set<String> fields() {
    Set<String> fields = new HashSet<>(Set.of("MODE", "CHILDREN", "BINDINGS", "id", parentField()));
    if (names.memoFields()) {
      for (EntryPoint entryPoint : factory.entryPoints()) {
        fields.add(Accessors.field(entryPoint));
      }
    }
    inheritedFields(factory.element(), fields, new HashSet<>());
    return fields;
  }

  private static void inheritedFields(TypeElement type, Set<String> names, Set<TypeElement> seen) {
    if (!seen.add(type)) {
      return;
    }
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() == javax.lang.model.element.ElementKind.FIELD) {
        names.add(member.getSimpleName().toString());
      }
    }
    for (TypeMirror supertype : type.getInterfaces()) {
      if (supertype instanceof DeclaredType declared
          && declared.asElement() instanceof TypeElement element) {
        inheritedFields(element, names, seen);
      }
    }
  }

  /**
   * The simple names of the member classes {@code type} declares or inherits: inside the
   * generated class, which implements it, they shadow any import of the same name.
   */
  static void inheritedMemberTypes(TypeElement type, Set<String> names, Set<TypeElement> seen) {
    if (!seen.add(type)) {
      return;
    }
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof TypeElement nested) {
        names.add(nested.getSimpleName().toString());
      }
    }
    List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
    supertypes.add(type.getSuperclass());
    for (TypeMirror supertype : supertypes) {
      if (supertype instanceof DeclaredType declared
          && declared.asElement() instanceof TypeElement element) {
        inheritedMemberTypes(element, names, seen);
      }
    }
  }

  /**
   * The call that returns a key this class does not hold: {@code parentFactory.getDisk()} or
   * {@code ambient.getClock()}; null for a key made here.
   */
  private Code elsewhere(Resolution resolution) {
    Key key = resolution.key();
    if (resolution.fromParent()) {
      boolean known = graph.parent().resolutions().containsKey(key);
      String accessor = (known ? parentNames : names).name(key);
      return new Code().add("parentFactory.").add(accessor).add("()");
    }
    if (graph.ambientKeys().contains(key)) {
      return new Code().add("ambient.").add(ambientNames.name(key)).add("()");
    }
    return null;
  }

  /** The qualified names of the factory's declared children, separated by spaces. */
  private String childrenNames() {
    StringBuilder names = new StringBuilder();
    for (javax.lang.model.element.TypeElement child : factory.children()) {
      names.append(names.isEmpty() ? "" : " ").append(child.getQualifiedName());
    }
    return names.toString();
  }

  private ClassRef parentType() {
    return parentClass == null ? ambientClass : parentClass;
  }

  private String parentField() {
    return parentClass == null ? "ambient" : "parentFactory";
  }

  private void constructor(Members members) {
    members.next().add("  private ").add(self.simpleName()).add("(").add(RuntimeNames.STRING)
        .add(" name, ").add(parentType()).add(" ").add(parentField()).add(") {\n")
        .add("    super(new ").add(RuntimeNames.FACTORY_CORE).add("(name, BINDINGS), ")
        .add(parentField()).add(");\n    this.").add(parentField()).add(" = ").add(parentField())
        .add(";\n  }\n");
  }

  private void creators(Members members) {
    if (parentClass != null) {
      members.next(
              "Creates a child node named {@code name} of the running node {@code parent}.\n"
                  + "It may inject every binding of the parent's graph, and stops before it.")
          .add("  public static ").add(self).add(" create(").add(parentClass).add(" parent, ")
          .add(RuntimeNames.STRING).add(" name) {\n    return new ").add(self)
          .add("(name, parent);\n  }\n");
      return;
    }
    members.next("Creates a node named {@code \"main\"} with an ambient factory of its own.")
        .add("  public static ").add(self).add(" create() {\n    return create(\"main\");\n  }\n");
    members.next(
            "Creates a node named {@code name} with an ambient factory of its own, which stops"
                + " with\nit.")
        .add("  public static ").add(self).add(" create(").add(RuntimeNames.STRING)
        .add(" name) {\n    ").add(self).add(" node = ambient().node(name);\n")
        .add("    node.ownParent();\n    return node;\n  }\n");
    members.next(
            "Creates an ambient factory: the root of a cluster, whose nodes share its"
                + " {@code @Ambient} daemons.")
        .add("  public static ").add(ambientClass).add(" ambient() {\n    return new ")
        .add(ambientClass).add("();\n  }\n");
  }

  private void ambient(Members members, Set<String> hidden) {
    List<Key> keys = List.copyOf(graph.ambientKeys());
    Code out =
        members.next(
            "The ambient factory of {@link ", self, "}: the root of a cluster. It owns the"
                + " {@code @Ambient}\ndaemons, which every node created by"
                + " {@link #node(String)} shares; it builds them all and\nstarts with the"
                + " first node, so a node created later finds each one running.");
    out.add("  public static final class Ambient extends ").add(RuntimeNames.NODE).add(" {\n");
    Members inner = new Members(out, "    ");
    ambient.table(inner);
    inner.next().add("    private Ambient() {\n      super(new ").add(RuntimeNames.FACTORY_CORE)
        .add("(\"ambient\", BINDINGS), null);\n    }\n");
    inner.next("Creates a node named {@code name} (a host) that shares this factory's daemons.")
        .add("    public ").add(self).add(" node(").add(RuntimeNames.STRING).add(" name) {\n")
        .add("      return new ").add(self).add("(name, this);\n    }\n");
    for (Key key : keys) {
      ambient.accessor(inner, key, null);
    }
    DispatchWriter dispatch = new DispatchWriter(graph, ambient, ambientClass);
    dispatch.methods(inner);
    ambient.buildForChildren(inner, keys);
    dispatch.parts(inner);
    hidden.addAll(dispatch.partNames());
    longer(Set.of("Ambient"), "$");
    longer(dispatch.partNames(), "$Ambient$");
    out.add("  }\n");
  }

  /** Built and memoized, or injected: the node holds the instance under a binding id. */
  private static boolean holdsInstance(Binding binding) {
    return binding.isMemoized() || binding.kind() == BindingKind.INJECTED;
  }

  private String classJavadoc() {
    return "The Steelmill factory for {@link "
        + relative(factory.element())
        + "}, generated for "
        + graph.mode()
        + " mode.\n\n"
        + "<p>{@code BINDINGS} lists the bindings this node owns, by id: kind, the class\n"
        + "{@code inject} takes (without this package), in brackets the ids its construction\n"
        + "needs, name; {@code construct} says how each id is made: the\n"
        + "runtime has built those ids first, so it reads them from {@code built}. Each\n"
        + "accessor returns the node's instance: the runtime builds it (and what it needs) on\n"
        + "first use, once, also under concurrent first use; after that it is an array read.\n"
        + "An entry point is its key's accessor"
        + (names.memoFields()
            ? " and keeps the instance in a field, so a\nrepeated call is one field read."
                + " Child factories call the accessors to\nshare this node's daemons."
            : ". Child factories call the accessors to share\nthis node's daemons.");
  }

  /** {@code Host.Leader}: the factory interface's name in its package, as Javadoc links it. */
  private static String relative(TypeElement element) {
    return ClassRef.of(element).relativeName();
  }

  /**
   * What an entry point implemented apart from its key's accessor returns: as declared, but a
   * child factory's creator (or a provider of one), generated in the same round, by the name the
   * graph gives it: javac knew it only as written ({@code SteelmillLease.Creator}).
   */
  private Code returnType(EntryPoint entryPoint) {
    TypeMirror declared = entryPoint.returnType();
    Code known = node.typeOf(entryPoint.request().key());
    if (!entryPoint.request().isProvider()) {
      return declared.getKind() == TypeKind.ERROR ? known : new Code().add(declared);
    }
    DeclaredType provider = (DeclaredType) declared;
    if (provider.getTypeArguments().get(0).getKind() != TypeKind.ERROR) {
      return new Code().add(declared);
    }
    return new Code().add(ClassRef.of((TypeElement) provider.asElement())).add("<").add(known)
        .add(">");
  }
}
