package io.steelmill;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that a Steelmill factory constructs, at most once per factory, by calling its
 * constructor with the dependencies it declares.
 *
 * <p>The class must be concrete and top-level or static nested, and have exactly one non-private
 * constructor, or exactly one constructor annotated {@code @Inject} ({@code jakarta.inject.Inject}
 * or {@code javax.inject.Inject}; they are recognized by name, so neither is a dependency). If it
 * implements {@code io.steelmill.runtime.Lifecycle}, the factory also prepares, runs and stops it.
 *
 * <p>A daemon is built lazily: only when an entry point of the factory, or another daemon being
 * built, needs it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Daemon {}
