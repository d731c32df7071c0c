package io.steelmill.runtime.internal;

/**
 * One instance a factory built, or was given with {@code inject} ({@code injected}), under the
 * daemon name that error messages and {@code built:} lists use.
 */
public record Built(String daemon, Object instance, boolean injected) {}
