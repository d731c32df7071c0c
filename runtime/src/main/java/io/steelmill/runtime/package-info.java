/**
 * The public run-time API of Steelmill: {@link io.steelmill.runtime.Node} (what every generated
 * factory is), the {@link io.steelmill.runtime.Lifecycle} that daemons implement, {@link
 * io.steelmill.runtime.Provider} for deferred construction, and {@link
 * io.steelmill.runtime.FactoryException}, the one exception that names the node, the daemon and
 * the phase of a failure.
 */
package io.steelmill.runtime;
