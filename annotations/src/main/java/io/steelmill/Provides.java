package io.steelmill;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method that provides the binding for its return type (with its qualifier, if the
 * method carries one), for types that cannot carry {@link Daemon}: third-party classes,
 * configuration values, interfaces with a chosen implementation.
 *
 * <p>The method must be static, return a value, and sit either in a {@link Factory} interface or
 * in a class that a factory lists in {@link Factory#modules()}. Its parameters are dependencies,
 * like a daemon constructor's. The result is memoized per factory like a daemon.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Provides {}
