package io.steelmill.processor.model;

import io.steelmill.processor.diagnostics.TypeNames;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.type.TypeMirror;

/**
 * What a binding is for: a type (primitives boxed) and an optional qualifier. Two keys are equal
 * when their canonical type names and qualifier texts are; the mirrors ride along for writing.
 */
public final class Key {
  private final TypeMirror type;
  private final String typeName;
  private final AnnotationMirror qualifier;
  private final String qualifierText;
  private final String qualifierIdentity;
  private final int hash;
  private String simpleTypeName; // TypeNames.simple(typeName), on first use: a regex per call
  /** {@link AccessorNames}'s short name of this key, on first use: graphs share their keys. */
  String accessorBase;

  public Key(TypeMirror type, AnnotationMirror qualifier) {
    this.type = type;
    this.typeName = KeyTypeName.of(type);
    this.qualifier = qualifier;
    this.qualifierText = qualifier == null ? "" : qualifier.toString();
    this.qualifierIdentity = qualifier == null ? "" : identity(qualifier);
    // Objects.hash(typeName, qualifierIdentity), without its array per call: keys are hashed
    // thousands of times per graph, and the value (so every map's order) stays the same.
    this.hash = 31 * (31 + typeName.hashCode()) + qualifierIdentity.hashCode();
  }

  /**
   * The qualifier with every member spelled out, defaults included, also inside nested
   * annotations: {@code @Tier} and {@code @Tier("gold")} are one key when {@code "gold"} is the
   * default, and so are {@code @Q} and {@code @Q(inner = @Inner(1))} when {@code @Inner} is the
   * default of {@code inner} and 1 of {@code Inner.value}.
   */
  private static String identity(AnnotationMirror qualifier) {
    StringBuilder text = new StringBuilder();
    spell(qualifier, text);
    return text.toString();
  }

  private static void spell(AnnotationMirror annotation, StringBuilder text) {
    text.append('@').append(annotation.getAnnotationType()).append('(');
    for (ExecutableElement member :
        ElementFilter.methodsIn(annotation.getAnnotationType().asElement().getEnclosedElements())) {
      AnnotationValue value = member.getDefaultValue();
      for (var entry : annotation.getElementValues().entrySet()) {
        if (entry.getKey().getSimpleName().equals(member.getSimpleName())) {
          value = entry.getValue();
        }
      }
      text.append(member.getSimpleName()).append('=');
      spell(value, text);
      text.append(',');
    }
    text.append(')');
  }

  private static void spell(AnnotationValue value, StringBuilder text) {
    Object held = value == null ? null : value.getValue();
    if (held instanceof AnnotationMirror nested) {
      spell(nested, text);
    } else if (held instanceof java.util.List<?> elements) {
      text.append('{');
      for (Object element : elements) {
        spell((AnnotationValue) element, text);
        text.append(',');
      }
      text.append('}');
    } else {
      text.append(value);
    }
  }

  /** The type and the qualifier with every member spelled out: distinct for distinct keys. */
  String identity() {
    return typeName + " " + qualifierIdentity;
  }

  public TypeMirror type() {
    return type;
  }

  /** The canonical type name, e.g. {@code java.util.List<com.acme.Disk>}. */
  public String typeName() {
    return typeName;
  }

  /** The qualifier, or null. */
  public AnnotationMirror qualifier() {
    return qualifier;
  }

  public boolean isQualified() {
    return qualifier != null;
  }

  /** The type's name without its packages: {@code List<Disk>}. */
  public String simpleTypeName() {
    if (simpleTypeName == null) {
      simpleTypeName = TypeNames.simple(typeName);
    }
    return simpleTypeName;
  }

  /**
   * The name people and runtime errors see: {@code Disk}, {@code @Named("wal") Disk}. Also the
   * daemon name in {@code built:} lists.
   */
  public String displayName() {
    String simpleType = simpleTypeName();
    return qualifier == null ? simpleType : TypeNames.simple(qualifierText) + " " + simpleType;
  }

  /**
   * Whether this key is spelled like a child factory's generated creator, {@code
   * Steelmill<Child>.Creator}, whether or not the factory being resolved has that child: one it
   * lacks is a misplaced creator to report, not a type some later round may still define (its
   * child cannot be generated before the graph that needs it, so waiting would never end).
   */
  public boolean namesCreator() {
    String name = typeName;
    if (!name.endsWith(".Creator")) {
      return false;
    }
    String owner = name.substring(0, name.length() - ".Creator".length());
    return owner.substring(owner.lastIndexOf('.') + 1).startsWith("Steelmill");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Key key
        && typeName.equals(key.typeName)
        && qualifierIdentity.equals(key.qualifierIdentity);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return displayName();
  }
}
