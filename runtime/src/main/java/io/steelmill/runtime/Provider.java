package io.steelmill.runtime;

/**
 * Deferred access to a binding: injecting {@code Provider<T>} instead of {@code T} delays the
 * construction of {@code T} to the first {@link #get()}, and breaks a dependency cycle where one
 * is intended. {@code jakarta.inject.Provider} and {@code javax.inject.Provider} are accepted the
 * same way.
 */
@FunctionalInterface
public interface Provider<T> {
  /** Returns the factory's instance, building it on first use. */
  T get();
}
