package io.steelmill.processor.writing;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.EnumSet;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * The start of a method that implements an entry point of the factory interface: what JavaPoet's
 * {@code MethodSpec.overriding} writes, made directly for the common shape (no parameters, type
 * parameters or thrown types) from a return type the caller has already named. A 1,000-daemon
 * factory has 1,000 entry points, and {@code overriding} names each return type again.
 */
final class Overrides {
  private Overrides() {}

  /**
   * {@code @Override public Store store()}, unimplemented.
   *
   * @param returns the method's return type as JavaPoet names it, or null to name it here
   */
  static MethodSpec.Builder of(ExecutableElement method, TypeName returns) {
    if (returns == null
        || !method.getParameters().isEmpty()
        || !method.getTypeParameters().isEmpty()
        || !method.getThrownTypes().isEmpty()
        || method.isVarArgs()) {
      return MethodSpec.overriding(method);
    }
    Set<Modifier> modifiers = EnumSet.noneOf(Modifier.class);
    modifiers.addAll(method.getModifiers());
    modifiers.remove(Modifier.ABSTRACT);
    modifiers.remove(Modifier.DEFAULT);
    return MethodSpec.methodBuilder(method.getSimpleName().toString())
        .addAnnotation(Override.class)
        .addModifiers(modifiers)
        .returns(returns);
  }
}
