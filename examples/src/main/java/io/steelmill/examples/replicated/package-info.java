/**
 * The replicated store: a primary-backup key-value store on the lease service. Every host keeps a
 * durable {@link io.steelmill.examples.replicated.Replica}; the host holding the lease is the
 * primary, and its epoch is the lease's fencing token. A new primary first takes over (promises
 * from a majority, their states merged, the merge installed on a majority), then replicates each
 * write to a majority before acknowledging it, and answers a read only after a majority confirms
 * that no newer epoch exists.
 *
 * <p>Fault points, for tools that inject faults: {@link
 * io.steelmill.examples.replicated.PrimaryService#write} (between the lease check and the
 * replication), {@link io.steelmill.examples.replicated.PrimaryService#read} (between the local
 * read and the confirmation), {@link io.steelmill.examples.replicated.Quorum#ask} (every message
 * between the primary and the replicas) and {@link io.steelmill.examples.replicated.Replica} (each
 * change synced to disk before it is answered). BUGGIFY sites (on with {@code cluster simulate
 * --buggify}): {@code replica.slow-sync}, {@code replica.failed-write} (in {@link
 * io.steelmill.examples.replicated.Replica}), {@code primary.slow-prepare}, {@code
 * primary.slow-takeover}, {@code primary.slow-reply} and {@code primary.step-down} (in {@link
 * io.steelmill.examples.replicated.PrimaryService}); the correct store survives each of them.
 * The planted bugs ({@link
 * io.steelmill.examples.replicated.ReplicatedSettings.Bug}) are each one {@code if} in {@code
 * PrimaryService}.
 */
package io.steelmill.examples.replicated;
