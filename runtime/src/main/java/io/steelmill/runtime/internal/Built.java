package io.steelmill.runtime.internal;

/**
 * One instance of a factory, under the daemon name that error messages and {@code built:} lists
 * use: constructed from a {@code @Daemon} class ({@code managed}: the node prepares, runs and
 * stops it), returned by a {@code @Provides} method, or handed in with {@code inject} ({@code
 * injected}). Provided and injected instances belong to whoever made them, who may share them.
 */
public record Built(String daemon, Object instance, boolean injected, boolean managed) {}
