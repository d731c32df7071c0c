package io.steelmill.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a parameter of a {@link SimulationTest}: the host's node (when the parameter is the
 * generated node type) or the daemon of that type that the node's entry points expose.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Host {
  /** The host name, {@code n0} to {@code n<nodes-1>}. */
  String value();
}
