package io.steelmill.processor.writing;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * The start of a method that implements an entry point of the factory interface. Written
 * directly rather than with JavaPoet's {@code MethodSpec.overriding}, for two reasons: an entry
 * point has no parameters and no type variables (validation rejects both), so the return type is
 * all there is to name, and a 1,000-daemon factory would otherwise name each one again; and the
 * implementation declares no exception: it never throws a checked one, so code calling it through
 * the generated class (the simulation harness, a user) need not catch what {@code throws} names.
 */
final class Overrides {
  private Overrides() {}

  /**
   * {@code @Override public Store store()}, unimplemented.
   *
   * @param returns the method's return type as JavaPoet names it, or null to name it here
   */
  static MethodSpec.Builder of(ExecutableElement method, TypeName returns) {
    return MethodSpec.methodBuilder(method.getSimpleName().toString())
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns != null ? returns : TypeName.get(method.getReturnType()));
  }
}
