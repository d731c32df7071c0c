/**
 * The processor's model of a graph, read from javac elements and free of error reporting and of
 * source text: {@link io.steelmill.processor.model.Key}s, {@link
 * io.steelmill.processor.model.Binding}s with their {@link
 * io.steelmill.processor.model.Dependency}s, {@link
 * io.steelmill.processor.model.FactoryDescriptor}s, and the per-mode {@link
 * io.steelmill.processor.model.BindingGraph} that {@link
 * io.steelmill.processor.model.GraphBuilder} resolves from a factory's entry points.
 */
package io.steelmill.processor.model;
