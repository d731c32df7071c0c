package io.steelmill.processor.model;

/**
 * How breadth-first search from the entry points first reached a key: from an entry point (when
 * {@code from} is null) or as a dependency of the binding {@code from}. Following the steps back
 * gives the shortest dependency path.
 */
public record PathStep(EntryPoint entryPoint, Binding from, Dependency dependency) {}
