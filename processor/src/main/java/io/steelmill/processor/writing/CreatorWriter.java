package io.steelmill.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Resolution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes a child factory's nested {@code Creator}: what a daemon of the parent factory declares as
 * a dependency to create children (one per held lease, per plugin) while the parent runs. The
 * parent node makes it; {@code create} takes the child's name and one argument per type in its
 * {@code @Factory(injected = ...)}, so a child cannot be created without them.
 */
final class CreatorWriter {
  private final BindingGraph graph;
  private final ClassName child;
  private final ClassName parent;
  private final ScopeWriter scope;

  CreatorWriter(BindingGraph graph, ClassName child, ClassName parent, ScopeWriter scope) {
    this.graph = graph;
    this.child = child;
    this.parent = parent;
    this.scope = scope;
  }

  TypeSpec write() {
    MethodSpec.Builder create =
        MethodSpec.methodBuilder("create")
            .addJavadoc(
                "A new child node named {@code name}, not started, with its injected instances:"
                    + "\nrequest what it runs, then start it (it stops before its parent).\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(child)
            .addParameter(String.class, "name")
            .addStatement("$T child = new $T(name, parent)", child, child);
    Set<String> used = new HashSet<>(List.of("name", "child", "parent"));
    int id = 0;
    for (Key key : ownedInOrder()) {
      Binding binding = graph.resolutions().get(key).binding();
      if (binding.kind() == BindingKind.INJECTED) {
        String parameter = parameterName(key, used);
        create.addParameter(scope.typeOf(key), parameter);
        create.addStatement("child.injectAt($L, $N)", id, parameter);
      }
      id++;
    }
    return TypeSpec.classBuilder("Creator")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(
            "Creates children of a running {@link $T} node: inject it into a daemon of the parent.\n",
            parent)
        .addField(parent, "parent", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addParameter(parent, "parent")
                .addStatement("this.parent = parent")
                .build())
        .addMethod(create.addStatement("return child").build())
        .addMethod(
            MethodSpec.methodBuilder("parentName")
                .addJavadoc(
                    "The parent node's name: a child that runs on its parent's host takes it.\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return parent.name()")
                .build())
        .build();
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
