/**
 * The annotations that declare a Steelmill graph: {@link io.steelmill.Daemon} classes, {@link
 * io.steelmill.Provides} methods and {@link io.steelmill.Factory} interfaces, plus the mode
 * markers {@link io.steelmill.Production} and {@link io.steelmill.Simulation}. The annotation
 * processor in {@code steelmill-processor} reads them at compile time; nothing here is needed at
 * run time beyond the class files.
 */
package io.steelmill;
