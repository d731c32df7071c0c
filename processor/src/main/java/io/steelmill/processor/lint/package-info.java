/**
 * The determinism lint: {@link io.steelmill.processor.lint.DeterminismLint} reads the method
 * bodies of {@code @Daemon} classes with the javac Trees API and reports, on the exact line, what
 * would make two runs of one seed differ ({@link io.steelmill.processor.diagnostics.LintRule}):
 * real time, real threads, unseeded randomness, the common pool, unordered iteration, mutable
 * statics, direct I/O, and calls whose target is chosen at run time (reflection, method handles),
 * which it cannot follow and so reports instead of trusting. It sees the source of this
 * compilation only: the daemon, what it inherits, and the helpers it calls or constructs (every
 * method of a constructed helper). Compiled libraries and native code are beyond it (README,
 * "What the lint promises"). Warnings by default, errors with {@code -Asteelmill.strict=true}.
 */
package io.steelmill.processor.lint;
