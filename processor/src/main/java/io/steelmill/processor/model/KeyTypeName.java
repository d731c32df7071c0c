package io.steelmill.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * The name a key's type is compared by: javac's {@code toString()} of the type without its type
 * annotations. A type-use annotation such as a checker's {@code @NonNull} says nothing about which
 * binding is meant, but javac prints it ({@code test.@NonNull Disk}), so {@code Store(@NonNull
 * Disk d)} would ask for another key than {@code Disk}: a second instance of a daemon, or a
 * missing binding for {@code List<@NonNull String>}. A type annotation that is a qualifier is
 * kept, as written: it does tell bindings apart.
 */
final class KeyTypeName {
  private KeyTypeName() {}

  static String of(TypeMirror type) {
    return hasAnnotation(type, false) && !hasAnnotation(type, true) ? print(type) : type.toString();
  }

  /** Whether {@code type} or a type inside it carries a (qualifier, when asked) annotation. */
  private static boolean hasAnnotation(TypeMirror type, boolean qualifier) {
    if (type == null) {
      return false;
    }
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      if (!qualifier || Annotations.isQualifier(mirror)) {
        return true;
      }
    }
    return switch (type.getKind()) {
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        yield hasAnnotation(declared.getEnclosingType(), qualifier)
            || any(declared.getTypeArguments(), qualifier);
      }
      case ARRAY -> hasAnnotation(((ArrayType) type).getComponentType(), qualifier);
      case WILDCARD -> hasAnnotation(((WildcardType) type).getExtendsBound(), qualifier)
          || hasAnnotation(((WildcardType) type).getSuperBound(), qualifier);
      default -> false;
    };
  }

  private static boolean any(List<? extends TypeMirror> types, boolean qualifier) {
    for (TypeMirror type : types) {
      if (hasAnnotation(type, qualifier)) {
        return true;
      }
    }
    return false;
  }

  /** As javac prints an unannotated type: {@code a.Outer<b.T>.Inner}, {@code a.Map<K,V>[]}. */
  private static String print(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        StringBuilder text = new StringBuilder();
        TypeMirror enclosing = declared.getEnclosingType();
        if (enclosing.getKind() == TypeKind.DECLARED
            && element.getNestingKind() == NestingKind.MEMBER
            && !element.getModifiers().contains(Modifier.STATIC)) {
          text.append(print(enclosing)).append('.').append(element.getSimpleName());
        } else {
          text.append(element.getQualifiedName());
        }
        List<? extends TypeMirror> arguments = declared.getTypeArguments();
        if (!arguments.isEmpty()) {
          text.append('<');
          for (int i = 0; i < arguments.size(); i++) {
            text.append(i == 0 ? "" : ",").append(print(arguments.get(i)));
          }
          text.append('>');
        }
        return text.toString();
      }
      case ARRAY -> {
        return print(((ArrayType) type).getComponentType()) + "[]";
      }
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          return "? extends " + print(wildcard.getExtendsBound());
        }
        TypeMirror lower = wildcard.getSuperBound();
        return lower != null ? "? super " + print(lower) : "?";
      }
      default -> {
        // primitives and type variables print their annotations first: drop them
        String text = type.toString();
        int space = text.lastIndexOf(' ');
        boolean annotated = !type.getAnnotationMirrors().isEmpty() && space >= 0;
        return annotated ? text.substring(space + 1) : text;
      }
    }
  }
}
