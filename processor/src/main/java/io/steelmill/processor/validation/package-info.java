/**
 * The checks: one {@code *Validator} per annotated element kind (a {@code @Daemon} class, a
 * {@code @Provides} method, a {@code @Factory} interface, an interface naming its implementations)
 * and one {@link io.steelmill.processor.validation.GraphRule} class per rule over a resolved
 * graph. They only produce {@link io.steelmill.processor.diagnostics.Diagnostic}s; reporting, and
 * the mode prefix, happen in {@link io.steelmill.processor.diagnostics.Diagnostics}.
 */
package io.steelmill.processor.validation;
