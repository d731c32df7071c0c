/**
 * The simulated gRPC transport: calls of ordinary gRPC-java stubs cross the simulated network as
 * numbered, acknowledged frames of per-node-pair connections, so the network's faults and the
 * nodes' crashes and pauses act on them, and their deadlines and keepalives run in virtual time.
 * Each call follows grpc-java's channel rules ({@code RetryingCall}): transparent retries of what
 * no server application saw, {@code waitForReady} (also for a node with no address yet),
 * reconnect backoff, a service config's retry policy and retry throttling, servers' pushback,
 * and idle mode ({@code IdleChannels}).
 * Only simulation builds bind these classes; production builds never load them.
 */
package io.steelmill.grpc.sim;
