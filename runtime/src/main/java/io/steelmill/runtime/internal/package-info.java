/**
 * The small API that generated factories call, and nothing else: {@link
 * io.steelmill.runtime.internal.FactoryCore} (locked, memoized, recorded construction) and {@link
 * io.steelmill.runtime.internal.Built}. Users never touch this package; it may change in any
 * release together with the processor that generates calls to it.
 */
package io.steelmill.runtime.internal;
