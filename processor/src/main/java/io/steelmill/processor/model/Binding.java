package io.steelmill.processor.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * How one key is bound in a graph.
 *
 * @param element the daemon class, the provides method, the interface of an alias, or the factory
 *     for an injected binding: where errors about the binding are reported
 * @param executable the constructor or provides method to call; null for aliases and injected
 * @param modes the modes in which the binding exists
 * @param ambient whether the class is {@code @Ambient}
 */
public record Binding(
    Key key,
    BindingKind kind,
    Element element,
    ExecutableElement executable,
    List<Dependency> dependencies,
    Set<Mode> modes,
    boolean ambient) {

  public static final Set<Mode> BOTH = EnumSet.allOf(Mode.class);

  /** The class that declares the constructor or the provides method. */
  public TypeElement owner() {
    return (TypeElement) executable.getEnclosingElement();
  }

  /** Whether the factory builds and memoizes it (and it may take part in a lifecycle). */
  public boolean isMemoized() {
    return kind == BindingKind.CONSTRUCTOR || kind == BindingKind.PROVIDES;
  }
}
