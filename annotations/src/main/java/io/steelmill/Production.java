package io.steelmill;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts a binding to production builds, or names an interface's production implementation.
 *
 * <ul>
 *   <li>On a {@link Daemon} class or a {@link Provides} method: the binding exists only when the
 *       processor runs with {@code -Asteelmill.mode=production} (the default).
 *   <li>On an interface, with a value: {@code @Production(SystemClock.class)} binds the interface
 *       to that implementation in production builds, so users inject only the interface.
 * </ul>
 *
 * <p>The processor validates the graphs of both modes in every build, and generates only the
 * active one; a production build never references a {@link Simulation} class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Production {
  /** On an interface, its production implementation; {@code void.class} elsewhere. */
  Class<?> value() default void.class;
}
