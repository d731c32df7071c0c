package io.steelmill.processor.writing;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Java source text being written: plain text, and the classes it names as {@link ClassRef}s,
 * which {@link SourceFile} writes at the end as short as the file's imports allow. Appending is
 * all it does: the writers build the text once, in order, with no second rendering pass.
 */
final class Code {
  /** Strings and {@link ClassRef}s, in order. */
  private final List<Object> parts = new ArrayList<>();

  private final StringBuilder run = new StringBuilder();

  Code add(String text) {
    run.append(text);
    return this;
  }

  Code add(char c) {
    run.append(c);
    return this;
  }

  Code add(int number) {
    run.append(number);
    return this;
  }

  Code add(ClassRef name) {
    flush();
    parts.add(name);
    return this;
  }

  Code add(Code code) {
    flush();
    code.flush();
    parts.addAll(code.parts);
    return this;
  }

  /** {@code type} as source names it: generics, arrays, wildcards, primitives, nested classes. */
  Code add(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED, ERROR -> declared((DeclaredType) type);
      case ARRAY -> add(((ArrayType) type).getComponentType()).add("[]");
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        add("?");
        if (wildcard.getExtendsBound() != null) {
          add(" extends ").add(wildcard.getExtendsBound());
        } else if (wildcard.getSuperBound() != null) {
          add(" super ").add(wildcard.getSuperBound());
        }
      }
      case TYPEVAR -> add(((TypeVariable) type).asElement().getSimpleName().toString());
      case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE, VOID ->
          add(type.getKind().name().toLowerCase(java.util.Locale.ROOT));
      default -> add(type.toString());
    }
    return this;
  }

  private void declared(DeclaredType type) {
    if (type.getKind() == javax.lang.model.type.TypeKind.ERROR) {
      // only a child's creator reaches the writer undefined ({@code SteelmillLease.Creator},
      // generated in this round, nested in a key such as {@code List<SteelmillLease.Creator>}):
      // javac made a package of its first segment; written as the user wrote it, it resolves
      // in the generated file's package, the child's
      add(type.toString());
      return;
    }
    if (!(type.asElement() instanceof TypeElement element)) {
      add(type.toString());
      return;
    }
    TypeMirror outer = type.getEnclosingType();
    if (outer instanceof DeclaredType enclosing
        && !enclosing.getTypeArguments().isEmpty()
        && !element.getModifiers().contains(Modifier.STATIC)) {
      declared(enclosing); // Outer<T>.Inner: the outer type's arguments are part of the name
      add(".").add(element.getSimpleName().toString());
    } else {
      add(ClassRef.of(element));
    }
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    if (!arguments.isEmpty()) {
      add("<");
      for (int i = 0; i < arguments.size(); i++) {
        add(i == 0 ? "" : ", ").add(arguments.get(i));
      }
      add(">");
    }
  }

  /** {@code text} as a Java string literal, quotes included. */
  Code literal(String text) {
    run.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> run.append("\\\"");
        case '\\' -> run.append("\\\\");
        case '\n' -> run.append("\\n");
        case '\r' -> run.append("\\r");
        case '\t' -> run.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            run.append(String.format("\\u%04x", (int) c));
          } else {
            run.append(c);
          }
        }
      }
    }
    run.append('"');
    return this;
  }

  /** The parts, for {@link SourceFile}. */
  List<Object> parts() {
    flush();
    return parts;
  }

  private void flush() {
    if (!run.isEmpty()) {
      parts.add(run.toString());
      run.setLength(0);
    }
  }
}
