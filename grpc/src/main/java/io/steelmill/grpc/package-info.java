/**
 * gRPC-java for daemons: inject {@link io.steelmill.grpc.GrpcChannels} to call other nodes and
 * {@link io.steelmill.grpc.GrpcServers} to serve; production binds Netty with mutual TLS, the
 * simulation build a transport over the simulated network.
 */
package io.steelmill.grpc;
