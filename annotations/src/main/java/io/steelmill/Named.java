package io.steelmill;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A qualifier by name: {@code @Named("primary") Disk} and {@code @Named("wal") Disk} are two
 * bindings. {@code jakarta.inject.Named} and {@code javax.inject.Named} work the same way.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.FIELD})
public @interface Named {
  /** The name. */
  String value();
}
