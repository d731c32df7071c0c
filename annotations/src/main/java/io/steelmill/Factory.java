package io.steelmill;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a factory: an interface whose abstract no-argument methods are entry points, the
 * daemons a node exposes. The processor generates {@code Steelmill<Name>} (for a nested interface
 * {@code Steelmill<Outer>_<Inner>}) in the same package, a final class that implements the
 * interface and builds the graph lazily.
 *
 * <p>With {@link #parent()}, the factory's instances are children of a running node of the parent
 * factory (one per held lease, per plugin): they may inject every binding of the parent, and are
 * created and torn down while the parent runs.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Factory {
  /** The parent factory interface, or {@code void.class} for a node of an ambient factory. */
  Class<?> parent() default void.class;

  /** Classes whose static {@link Provides} methods this factory uses. */
  Class<?>[] modules() default {};

  /**
   * Types whose instances are supplied at run time with {@code inject(Type.class, instance)}
   * before they are needed (a held {@code Lease}, a configuration object), rather than built.
   */
  Class<?>[] injected() default {};
}
