package io.steelmill.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Where the bindings of one key can come from: what a factory declares ({@code @Provides}
 * methods, {@code injected} types, the creators of its children), what the key's type brings
 * itself (a {@code @Daemon} class, an interface's implementation), and what a factory's ancestors
 * declare. {@link GraphBuilder} decides among them.
 */
final class BindingSources {
  private final BindingReader reader;
  private final SimulatorModule simulator;
  // each factory's provides methods by key, read once: a scan per key is quadratic in large graphs
  private final Map<FactoryDescriptor, Map<Key, List<ExecutableElement>>> provides =
      new IdentityHashMap<>();

  BindingSources(BindingReader reader, SimulatorModule simulator) {
    this.reader = reader;
    this.simulator = simulator;
  }

  /** Bindings the factory declares: its provides methods and injected types. */
  List<Binding> explicit(FactoryDescriptor factory, Mode mode, Key key) {
    List<Binding> found = new ArrayList<>();
    Map<Key, List<ExecutableElement>> byKey =
        provides.computeIfAbsent(factory, f -> providesByKey(f.providesMethods()));
    for (ExecutableElement method : byKey.getOrDefault(key, List.of())) {
      Binding binding = reader.providesBinding(method);
      if (binding.modes().contains(mode)) {
        found.add(binding);
      }
    }
    for (TypeMirror injected : factory.injected()) {
      if (reader.key(injected, null).equals(key)) {
        found.add(reader.injectedBinding(key, factory.element()));
      }
    }
    return found;
  }

  /**
   * What the ancestors of a factory whose parent's graph is {@code parent} bind {@code key} to,
   * the root's first: for each ancestor, the bindings its graph resolves the key to, else the ones
   * it declares (a declaration counts even when nothing in that ancestor's graph asks for it).
   */
  List<Binding> ancestors(BindingGraph parent, Mode mode, Key key) {
    List<Binding> found = new ArrayList<>();
    for (BindingGraph graph = parent; graph != null; graph = graph.parent()) {
      Resolution resolution = graph.resolutions().get(key);
      List<Binding> own =
          resolution != null && !resolution.fromParent() && !resolution.candidates().isEmpty()
              ? resolution.candidates()
              : explicit(graph.factory(), mode, key);
      found.addAll(0, own);
    }
    return found;
  }

  /** What the ancestors of a factory whose parent's graph is {@code parent} declare for a key. */
  List<Binding> declaredAbove(BindingGraph parent, Mode mode, Key key) {
    List<Binding> found = new ArrayList<>();
    for (BindingGraph graph = parent; graph != null; graph = graph.parent()) {
      found.addAll(0, explicit(graph.factory(), mode, key));
    }
    return found;
  }

  /**
   * Whether {@code key} is an {@code @Ambient} daemon in {@code mode}: the ambient factory at the
   * root of every hierarchy owns it, whoever asks for it.
   */
  static boolean isAmbientDaemon(Mode mode, Key key) {
    TypeElement type = Annotations.typeElement(key.type());
    return type != null
        && !key.isQualified()
        && type.getKind() == ElementKind.CLASS
        && Annotations.has(type, Annotations.DAEMON)
        && Annotations.has(type, Annotations.AMBIENT)
        && Annotations.modesOf(type).contains(mode);
  }

  private Map<Key, List<ExecutableElement>> providesByKey(List<ExecutableElement> methods) {
    Map<Key, List<ExecutableElement>> byKey = new HashMap<>();
    for (ExecutableElement method : methods) {
      byKey.computeIfAbsent(reader.providesKey(method), k -> new ArrayList<>()).add(method);
    }
    return byKey;
  }

  /**
   * The creator of a child factory of {@code factory}, if {@code key} names one: {@code
   * Steelmill<Child>.Creator}, possibly not generated yet (an error type spelled as written).
   */
  List<Binding> creator(FactoryDescriptor factory, Key key) {
    if (key.isQualified() || !key.typeName().endsWith(".Creator")) {
      return List.of();
    }
    String owner = key.typeName().substring(0, key.typeName().length() - ".Creator".length());
    for (TypeElement child : factory.children()) {
      String generated = FactoryReader.generatedName(child);
      if (owner.equals(generated) || owner.endsWith("." + generated)) {
        return List.of(reader.creatorBinding(key, child));
      }
    }
    return List.of();
  }

  /** Bindings that come with the key's type: a daemon class, an interface's implementation. */
  List<Binding> implicit(Mode mode, Key key, Set<String> impls) {
    TypeElement type = Annotations.typeElement(key.type());
    if (type == null || key.isQualified()) {
      return List.of();
    }
    if (type.getKind() == ElementKind.INTERFACE) {
      if (mode == Mode.SIMULATION && SimulatorModule.suppliesSimulationOf(type)) {
        return simulator.bindings(key, type);
      }
      TypeMirror implementation =
          Annotations.classValue(Annotations.modeAnnotation(type, mode), "value");
      return implementation == null
          ? List.of()
          : List.of(reader.aliasBinding(key, type, implementation, mode));
    }
    if (Annotations.has(type, Annotations.DAEMON)) {
      Binding binding = reader.constructorBinding(key, type, false);
      return binding.modes().contains(mode) ? List.of(binding) : List.of();
    }
    if (impls.contains(key.typeName()) && type.getKind() == ElementKind.CLASS) {
      return List.of(reader.constructorBinding(key, type, true));
    }
    return List.of();
  }
}
