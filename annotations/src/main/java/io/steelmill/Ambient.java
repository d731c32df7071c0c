package io.steelmill;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Places a {@link Daemon} in the ambient (root) factory, so that every node created from that
 * ambient factory shares one instance: a simulated network, a metrics registry, a lease service
 * client.
 *
 * <p>An ambient daemon may depend only on other ambient daemons and on {@link Provides} bindings;
 * the processor rejects a dependency on a per-node daemon at compile time. Ambient daemons are
 * prepared before any node daemon and stopped after all of them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Ambient {}
