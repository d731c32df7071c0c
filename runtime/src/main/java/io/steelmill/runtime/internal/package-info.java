/**
 * The small API that generated factories call, and what the runtime shares with the platform
 * and the simulation kernel without depending on them: {@link
 * io.steelmill.runtime.internal.FactoryCore} (locked, memoized, recorded construction), {@link
 * io.steelmill.runtime.internal.Built}, the node context, the clock a node waits on ({@link
 * io.steelmill.runtime.internal.Clocks}, {@link io.steelmill.runtime.internal.Signal}). Users never
 * touch this package; it may change in any release together with the processor that generates
 * calls to it.
 */
package io.steelmill.runtime.internal;
