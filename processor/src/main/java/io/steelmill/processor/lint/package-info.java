/**
 * The determinism lint: {@link io.steelmill.processor.lint.DeterminismLint} reads the method
 * bodies of {@code @Daemon} classes with the javac Trees API and reports, on the exact line, what
 * would make two runs of one seed differ ({@link io.steelmill.processor.diagnostics.LintRule}):
 * real time, real threads, unseeded randomness, the common pool, unordered iteration, mutable
 * statics, direct I/O. Warnings by default, errors with {@code -Asteelmill.strict=true}.
 */
package io.steelmill.processor.lint;
