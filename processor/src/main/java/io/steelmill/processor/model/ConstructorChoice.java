package io.steelmill.processor.model;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Which constructor a factory calls for a class: the only one marked {@code @Inject}, else the
 * only non-private one. When there is none, {@link #constructor()} is null and {@link #problem()}
 * says why; {@link #candidates()} counts the ambiguous ones.
 */
public record ConstructorChoice(ExecutableElement constructor, String problem, int candidates) {

  public static ConstructorChoice of(TypeElement type) {
    List<ExecutableElement> all = ElementFilter.constructorsIn(type.getEnclosedElements());
    List<ExecutableElement> inject = new ArrayList<>();
    List<ExecutableElement> open = new ArrayList<>();
    for (ExecutableElement constructor : all) {
      if (Annotations.hasInject(constructor)) {
        inject.add(constructor);
      }
      if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
        open.add(constructor);
      }
    }
    List<ExecutableElement> chosen = inject.isEmpty() ? open : inject;
    if (chosen.size() > 1) {
      return new ConstructorChoice(null, null, chosen.size());
    }
    if (chosen.isEmpty()) {
      return new ConstructorChoice(null, "every constructor is private", 0);
    }
    ExecutableElement constructor = chosen.get(0);
    if (constructor.getModifiers().contains(Modifier.PRIVATE)) {
      return new ConstructorChoice(null, "its @Inject constructor is private", 0);
    }
    return new ConstructorChoice(constructor, null, 1);
  }

  /** The choice that picked {@code constructor}, as {@link #of} made it for its class. */
  public static ConstructorChoice chosen(ExecutableElement constructor) {
    return new ConstructorChoice(constructor, null, 1);
  }

  public boolean isAmbiguous() {
    return constructor == null && candidates > 1;
  }
}
