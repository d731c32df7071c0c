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
 *   <li>On an interface, with a value: {@code @Simulation(FakeStore.class)} binds the interface to
 *       that implementation in simulation builds.
 *   <li>On an interface of Steelmill's own platform, {@code @Simulation(bySimulator = true)}: the
 *       simulator ({@code steelmill-sim}) supplies the simulated binding, so that the interface,
 *       which ships in {@code steelmill-runtime}, names no simulator class. Simulation builds add
 *       {@code steelmill-sim}; production builds do not need it.
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

  /**
   * On an interface: its simulated binding is a {@code @Simulation @Provides} method of the
   * simulator's platform module, {@code io.steelmill.sim.SimulatedPlatform} in {@code
   * steelmill-sim}, which the processor consults in simulation builds.
   */
  boolean bySimulator() default false;
}
