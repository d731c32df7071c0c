package io.steelmill.processor.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads annotations by qualified name, from mirrors only: class-valued members never go through
 * reflection, and {@code jakarta.inject}/{@code javax.inject} are recognized without being on the
 * processor's class path.
 */
public final class Annotations {
  public static final String DAEMON = "io.steelmill.Daemon";
  public static final String AMBIENT = "io.steelmill.Ambient";
  public static final String PROVIDES = "io.steelmill.Provides";
  public static final String FACTORY = "io.steelmill.Factory";
  public static final String PRODUCTION = "io.steelmill.Production";
  public static final String SIMULATION = "io.steelmill.Simulation";
  public static final String NAMED = "io.steelmill.Named";
  private static final Set<String> INJECT = Set.of("jakarta.inject.Inject", "javax.inject.Inject");
  private static final Set<String> QUALIFIER =
      Set.of("io.steelmill.Qualifier", "jakarta.inject.Qualifier", "javax.inject.Qualifier");

  /** The provider interfaces a dependency may be wrapped in. */
  public static final Set<String> PROVIDERS =
      Set.of("io.steelmill.runtime.Provider", "jakarta.inject.Provider", "javax.inject.Provider");

  private Annotations() {}

  /** The annotation named {@code qualifiedName} on {@code element}, or null. */
  public static AnnotationMirror find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (nameOf(mirror).equals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  public static boolean has(Element element, String qualifiedName) {
    return find(element, qualifiedName) != null;
  }

  public static boolean hasInject(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (INJECT.contains(nameOf(mirror))) {
        return true;
      }
    }
    return false;
  }

  /** The first qualifier annotation on {@code element}, or null. */
  public static AnnotationMirror qualifierOf(Element element) {
    java.util.List<AnnotationMirror> all = qualifiersOf(element);
    return all.isEmpty() ? null : all.get(0);
  }

  /**
   * Every qualifier annotation on {@code element}; more than one is an error to report. A
   * repeatable qualifier written twice ({@code @Q("a") @Q("b")}) reaches the processor as one
   * container annotation ({@code @Qs({@Q("a"), @Q("b")})}), which is no qualifier itself: the
   * qualifiers it holds count as written.
   */
  public static java.util.List<AnnotationMirror> qualifiersOf(Element element) {
    java.util.List<AnnotationMirror> found = new java.util.ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (isQualifier(mirror)) {
        found.add(mirror);
      } else {
        found.addAll(containedQualifiers(mirror));
      }
    }
    return found;
  }

  /** The qualifiers in a container annotation's {@code value()} array, or none. */
  private static java.util.List<AnnotationMirror> containedQualifiers(AnnotationMirror mirror) {
    java.util.List<AnnotationMirror> contained = new java.util.ArrayList<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("value")
          && entry.getValue().getValue() instanceof java.util.List<?> values) {
        for (Object value : values) {
          if (value instanceof AnnotationValue item
              && item.getValue() instanceof AnnotationMirror inner && isQualifier(inner)) {
            contained.add(inner);
          }
        }
      }
    }
    return contained;
  }

  /** Whether {@code mirror}'s annotation type is meta-annotated {@code @Qualifier}. */
  public static boolean isQualifier(AnnotationMirror mirror) {
    for (AnnotationMirror meta : mirror.getAnnotationType().asElement().getAnnotationMirrors()) {
      if (QUALIFIER.contains(nameOf(meta))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a class-valued member of {@code mirror} names a type javac could not resolve: one
   * another annotation processor may generate in a later round ({@code modules = GenMod.class}).
   * javac keeps such a value as an error type, or as a placeholder that is no type at all.
   */
  public static boolean hasUndefinedClassValue(AnnotationMirror mirror) {
    if (mirror == null) {
      return false;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      String declared = entry.getKey().getReturnType().toString();
      if (!declared.startsWith("java.lang.Class")) {
        continue;
      }
      Object value = entry.getValue().getValue();
      if (value instanceof java.util.List<?> values) {
        for (Object each : values) {
          if (each instanceof AnnotationValue element && undefinedClass(element.getValue())) {
            return true;
          }
        }
      } else if (undefinedClass(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean undefinedClass(Object value) {
    return !(value instanceof TypeMirror type) || type.getKind() == TypeKind.ERROR;
  }

  /** A class-valued member ({@code value}, {@code parent}); null when absent or {@code void}. */
  public static TypeMirror classValue(AnnotationMirror mirror, String member) {
    if (mirror == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(member)
          && entry.getValue().getValue() instanceof TypeMirror type
          && type.getKind() != TypeKind.VOID) {
        return type;
      }
    }
    return null;
  }

  /** A boolean member ({@code bySimulator}); false when absent or not boolean. */
  public static boolean booleanValue(AnnotationMirror mirror, String member) {
    if (mirror == null) {
      return false;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(member)
          && entry.getValue().getValue() instanceof Boolean value) {
        return value;
      }
    }
    return false;
  }

  /** A class-array member ({@code modules}, {@code injected}); empty when absent. */
  public static java.util.List<TypeMirror> classValues(AnnotationMirror mirror, String member) {
    java.util.List<TypeMirror> types = new java.util.ArrayList<>();
    if (mirror == null) {
      return types;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(member)
          && entry.getValue().getValue() instanceof java.util.List<?> values) {
        for (Object value : values) {
          if (value instanceof AnnotationValue annotationValue
              && annotationValue.getValue() instanceof TypeMirror type) {
            types.add(type);
          }
        }
      }
    }
    return types;
  }

  /**
   * The modes a {@code @Daemon} class or {@code @Provides} method exists in. Marked with both is
   * an error reported elsewhere; it then counts as both.
   */
  public static Set<Mode> modesOf(Element element) {
    boolean production = has(element, PRODUCTION);
    boolean simulation = has(element, SIMULATION);
    if (production == simulation) {
      return EnumSet.allOf(Mode.class);
    }
    return EnumSet.of(production ? Mode.PRODUCTION : Mode.SIMULATION);
  }

  /** The mode annotation of {@code mode} on {@code element}, or null. */
  public static AnnotationMirror modeAnnotation(Element element, Mode mode) {
    return find(element, mode == Mode.PRODUCTION ? PRODUCTION : SIMULATION);
  }

  /** The type element behind a declared type, or null for anything else. */
  public static TypeElement typeElement(TypeMirror type) {
    return type instanceof DeclaredType declared && declared.asElement() instanceof TypeElement t
        ? t
        : null;
  }

  private static String nameOf(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }
}
