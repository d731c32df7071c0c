/**
 * The fenced store: hosts compete for one lease; the holder's lease-scoped child accepts client
 * writes through its host's {@link io.steelmill.examples.cluster.Frontend} and applies them to the
 * {@link io.steelmill.examples.cluster.Storage} with its fencing token, which the storage checks.
 * {@code cluster simulate} runs it under a nemesis and checks, after every step, that no stale
 * write was accepted and no acknowledged write was lost; {@code --unfenced} turns the check in
 * the storage off, and the simulator finds the classic stale-lease bug. {@code --store replicated}
 * runs the replicated store of {@code io.steelmill.examples.replicated} instead (see
 * {@code StoreChoice}).
 */
package io.steelmill.examples.cluster;
