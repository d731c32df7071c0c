package io.steelmill;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts a binding to simulation builds, or names an interface's simulated implementation.
 *
 * <ul>
 *   <li>On a {@link Daemon} class or a {@link Provides} method: the binding exists only when the
 *       processor runs with {@code -Asteelmill.mode=simulation}.
 *   <li>On an interface, with a value: {@code @Simulation(SimClock.class)} binds the interface to
 *       that implementation in simulation builds.
 * </ul>
 *
 * @see Production
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Simulation {
  /** On an interface, its simulated implementation; {@code void.class} elsewhere. */
  Class<?> value() default void.class;
}
