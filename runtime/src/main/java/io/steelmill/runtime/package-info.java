/**
 * The public run-time API of Steelmill: {@link io.steelmill.runtime.Node} (what every generated
 * factory is), the {@link io.steelmill.runtime.Lifecycle} that daemons implement, {@link
 * io.steelmill.runtime.Provider} for deferred construction, and {@link
 * io.steelmill.runtime.FactoryException}, the one exception that names the node, the daemon and
 * the phase of a failure.
 *
 * <p>Where a node's code lives, for a newcomer: {@code NodeGraph} is what generated factories call
 * to build (lookup by id, dispatch, injection); {@code Node} is the public lifecycle API, which
 * hands each verb to {@code NodeStart} (register, seal, prepare in construction order, run) or
 * {@code NodeStop} (stop children, stop daemons in reverse, await the runs, bounded waits);
 * {@code PhaseCalls} runs one ordered phase under the grace period and {@code DaemonCalls} makes
 * each call of daemon code; {@code NodeTree} holds the rules across parents and children, and
 * {@code NodeStatus} the lifecycle's state, made when the node first needs it.
 */
package io.steelmill.runtime;
