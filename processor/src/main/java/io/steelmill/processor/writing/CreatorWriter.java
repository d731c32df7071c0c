package io.steelmill.processor.writing;

import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Resolution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a child factory's nested {@code Creator}: what a daemon of the parent factory declares as
 * a dependency to create children (one per held lease, per plugin) while the parent runs. The
 * parent node makes it; {@code create} takes the child's name and one argument per type in its
 * {@code @Factory(injected = ...)}, so a child cannot be created without them.
 */
final class CreatorWriter {
  private final BindingGraph graph;
  private final ClassRef child;
  private final ClassRef parent;
  private final ScopeWriter scope;

  CreatorWriter(BindingGraph graph, ClassRef child, ClassRef parent, ScopeWriter scope) {
    this.graph = graph;
    this.child = child;
    this.parent = parent;
    this.scope = scope;
  }

  void write(Members members) {
    Code out =
        members.next(
            "Creates children of a running {@link ", parent,
            "} node: inject it into a daemon of the parent.");
    out.add("  public static final class Creator {\n");
    Members inner = new Members(out, "    ");
    inner.next().add("    private final ").add(parent).add(" parent;\n");
    inner.next().add("    Creator(").add(parent).add(" parent) {\n");
    out.add("      this.parent = parent;\n    }\n");
    Code create =
        inner.next(
            "A new child node named {@code name}, not started, with its injected instances:\n"
                + "request what it runs, then start it (it stops before its parent).");
    create.add("    public ").add(child).add(" create(").add(RuntimeNames.STRING).add(" name");
    Code body = new Code().add("      ").add(child).add(" child = new ").add(child);
    body.add("(name, parent);\n");
    Set<String> used = new HashSet<>(List.of("name", "child", "parent"));
    int id = 0;
    for (Key key : ownedInOrder()) {
      Binding binding = graph.resolutions().get(key).binding();
      if (binding.kind() == BindingKind.INJECTED) {
        String parameter = parameterName(key, used);
        create.add(", ").add(scope.typeOf(key)).add(" ").add(parameter);
        body.add("      child.injectAt(").add(id).add(", ").add(parameter).add(");\n");
      }
      id++;
    }
    create.add(") {\n").add(body).add("      return child;\n    }\n");
    inner.next("The parent node's name: a child that runs on its parent's host takes it.")
        .add("    public ").add(RuntimeNames.STRING).add(" parentName() {\n")
        .add("      return parent.name();\n    }\n");
    out.add("  }\n");
  }

  private List<Key> ownedInOrder() {
    List<Key> keys = new ArrayList<>();
    for (Resolution resolution : graph.resolutions().values()) {
      if (scope.owns(resolution.key())) {
        keys.add(resolution.key());
      }
    }
    return keys;
  }

  private static String parameterName(Key key, Set<String> used) {
    String simple = key.type().toString().replaceAll("<.*", "");
    simple = simple.substring(simple.lastIndexOf('.') + 1);
    String base = Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    String name = base;
    for (int i = 2; !used.add(name) || javax.lang.model.SourceVersion.isKeyword(name); i++) {
      name = base + i;
    }
    return name;
  }
}
