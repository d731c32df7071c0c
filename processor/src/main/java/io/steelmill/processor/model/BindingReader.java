package io.steelmill.processor.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Turns elements into keys, dependencies and bindings. Reports nothing. A class's constructor
 * binding and a provides method's binding do not depend on the mode or the factory: each is read
 * once per round and shared by every graph that uses it (both modes' graphs, a parent's and its
 * children's), which also shares each key's names made on first use.
 */
public final class BindingReader {
  private final Types types;
  private final Map<TypeElement, Binding> daemons = new HashMap<>();
  private final Map<TypeElement, Binding> implementations = new HashMap<>();
  private final Map<ExecutableElement, Binding> provides = new HashMap<>();

  public BindingReader(Types types) {
    this.types = types;
  }

  /** Forgets this round's bindings: a new round re-creates the elements they hold. */
  public void newRound() {
    daemons.clear();
    implementations.clear();
    provides.clear();
  }

  /** The key of a type as written, boxing primitives, with a qualifier or null. */
  public Key key(TypeMirror type, javax.lang.model.element.AnnotationMirror qualifier) {
    TypeMirror boxed =
        type instanceof PrimitiveType primitive ? types.boxedClass(primitive).asType() : type;
    return new Key(boxed, qualifier);
  }

  /**
   * What {@code site} (a parameter or an entry point method) asks for: {@code Provider<T>} asks
   * for {@code T}, deferred.
   */
  public Dependency dependency(TypeMirror type, javax.lang.model.element.Element site) {
    var qualifier = Annotations.qualifierOf(site);
    if (type instanceof DeclaredType declared
        && declared.getTypeArguments().size() == 1
        && declared.asElement() instanceof TypeElement element
        && Annotations.PROVIDERS.contains(element.getQualifiedName().toString())) {
      return new Dependency(
          key(declared.getTypeArguments().get(0), qualifier),
          element.getQualifiedName().toString(),
          site);
    }
    return new Dependency(key(type, qualifier), null, site);
  }

  /** The dependencies of a constructor or method: one per parameter. */
  public List<Dependency> parameters(ExecutableElement executable) {
    List<Dependency> dependencies = new ArrayList<>();
    for (VariableElement parameter : executable.getParameters()) {
      dependencies.add(dependency(parameter.asType(), parameter));
    }
    return dependencies;
  }

  /**
   * The binding of a class through its constructor; no dependencies if it has no usable one.
   * {@code implicit}: the class is bound because an interface names it, in either mode.
   */
  public Binding constructorBinding(Key key, TypeElement type, boolean implicit) {
    Map<TypeElement, Binding> known = implicit ? implementations : daemons;
    Binding binding = known.get(type);
    if (binding == null || !binding.key().equals(key)) {
      binding = readConstructorBinding(key, type, implicit);
      known.put(type, binding);
    }
    return binding;
  }

  private Binding readConstructorBinding(Key key, TypeElement type, boolean implicit) {
    ConstructorChoice choice = ConstructorChoice.of(type);
    ExecutableElement constructor = choice.constructor();
    List<Dependency> dependencies = constructor == null ? List.of() : parameters(constructor);
    return new Binding(
        key,
        BindingKind.CONSTRUCTOR,
        type,
        constructor,
        dependencies,
        implicit ? Binding.BOTH : Annotations.modesOf(type),
        Annotations.has(type, Annotations.AMBIENT));
  }

  /** The key a {@code @Provides} method binds. */
  public Key providesKey(ExecutableElement method) {
    return key(method.getReturnType(), Annotations.qualifierOf(method));
  }

  /** The binding of a {@code @Provides} method, in the modes it is marked for. */
  public Binding providesBinding(ExecutableElement method) {
    Binding binding = provides.get(method);
    if (binding == null) {
      binding = readProvidesBinding(method);
      provides.put(method, binding);
    }
    return binding;
  }

  private Binding readProvidesBinding(ExecutableElement method) {
    return new Binding(
        providesKey(method),
        BindingKind.PROVIDES,
        method,
        method,
        parameters(method),
        Annotations.modesOf(method),
        false);
  }

  /** An interface bound to {@code implementation} in {@code mode}. */
  public Binding aliasBinding(Key key, TypeElement iface, TypeMirror implementation, Mode mode) {
    Dependency target = new Dependency(key(implementation, null), null, iface);
    return new Binding(
        key, BindingKind.ALIAS, iface, null, List.of(target), EnumSet.of(mode), false);
  }

  /** The stand-in for a simulated binding the absent simulator would supply. */
  public Binding simulatorBinding(Key key, TypeElement iface) {
    return new Binding(
        key, BindingKind.SIMULATOR, iface, null, List.of(), EnumSet.of(Mode.SIMULATION), false);
  }

  public Binding injectedBinding(Key key, TypeElement factory) {
    return new Binding(key, BindingKind.INJECTED, factory, null, List.of(), Binding.BOTH, false);
  }

  /** The creator of {@code child}, a child factory of the factory being resolved. */
  public Binding creatorBinding(Key key, TypeElement child) {
    return new Binding(key, BindingKind.CREATOR, child, null, List.of(), Binding.BOTH, false);
  }
}
