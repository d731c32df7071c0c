package io.steelmill.processor.writing;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * A class that generated code names: its package and its simple names from the top-level class
 * inwards ({@code [Host, Leader]} for {@code Host.Leader}). {@link SourceFile} decides at the end
 * whether it is written by its simple name, after an import, or in full.
 *
 * @param packageName the package, empty for the unnamed package
 * @param names the top-level class's simple name, then each nested class's, at least one
 */
record ClassRef(String packageName, List<String> names) {
  ClassRef {
    names = List.copyOf(names);
  }

  static ClassRef of(String packageName, String... names) {
    return new ClassRef(packageName, List.of(names));
  }

  /** The class of {@code type}, however deeply nested. */
  static ClassRef of(TypeElement type) {
    List<String> names = new ArrayList<>();
    Element element = type;
    while (element instanceof TypeElement nested) {
      names.add(0, nested.getSimpleName().toString());
      element = nested.getEnclosingElement();
    }
    while (element != null && !(element instanceof PackageElement)) {
      element = element.getEnclosingElement(); // a local class: validation rejects it anyway
    }
    String pkg = element == null ? "" : ((PackageElement) element).getQualifiedName().toString();
    return new ClassRef(pkg, names);
  }

  /** The class {@code name} nested in this one. */
  ClassRef nested(String name) {
    List<String> inner = new ArrayList<>(names);
    inner.add(name);
    return new ClassRef(packageName, inner);
  }

  String topLevelName() {
    return names.get(0);
  }

  String simpleName() {
    return names.get(names.size() - 1);
  }

  /** {@code a.b.Outer}: the top-level class, as an import names it. */
  String topLevelQualified() {
    return packageName.isEmpty() ? topLevelName() : packageName + "." + topLevelName();
  }

  /** Whether {@code qualified} is {@link #topLevelQualified()}, without making that string. */
  boolean isTopLevel(String qualified) {
    if (qualified == null) {
      return false;
    }
    String top = topLevelName();
    if (packageName.isEmpty()) {
      return qualified.equals(top);
    }
    return qualified.length() == packageName.length() + 1 + top.length()
        && qualified.startsWith(packageName)
        && qualified.charAt(packageName.length()) == '.'
        && qualified.endsWith(top);
  }

  /** {@code Outer.Inner}: the name within its package. */
  String relativeName() {
    return names.size() == 1 ? names.get(0) : String.join(".", names);
  }

  /** {@code a.b.Outer.Inner}. */
  String canonicalName() {
    return packageName.isEmpty() ? relativeName() : packageName + "." + relativeName();
  }
}
