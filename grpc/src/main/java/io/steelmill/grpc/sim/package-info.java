/**
 * The simulated gRPC transport: calls of ordinary gRPC-java stubs cross the simulated network as
 * numbered, acknowledged frames of per-node-pair connections, so the network's faults and the
 * nodes' crashes and pauses act on them, and their deadlines and keepalives run in virtual time.
 * Only simulation builds bind these classes; production builds never load them.
 */
package io.steelmill.grpc.sim;
