package io.steelmill.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code @Factory} interface as read: its entry points, the static {@code @Provides} methods it
 * may use (its own and its modules'), the types injected at run time, and its parent factory.
 *
 * @param packageName the package of the interface and of the generated class
 * @param generatedName {@code Steelmill<Name>}, nested names joined with {@code _}
 * @param parent the parent factory interface, or null
 * @param children the child factories declared in this factory's package that name it as their
 *     parent: the generated factory builds what they can reach before it starts
 */
public record FactoryDescriptor(
    TypeElement element,
    String packageName,
    String generatedName,
    List<EntryPoint> entryPoints,
    List<TypeElement> modules,
    List<ExecutableElement> providesMethods,
    List<TypeMirror> injected,
    TypeElement parent,
    List<TypeElement> children) {

  /** The interface's simple name, nesting joined with {@code .}: {@code Outer.Inner}. */
  public String displayName() {
    String qualified = element.getQualifiedName().toString();
    return packageName.isEmpty() ? qualified : qualified.substring(packageName.length() + 1);
  }
}
