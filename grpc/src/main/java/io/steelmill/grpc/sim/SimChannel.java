package io.steelmill.grpc.sim;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;

/** Calls from one simulated node to another's gRPC server. */
final class SimChannel extends Channel {
  private final SimGrpcHub hub;
  private final String caller;
  private final String target;

  SimChannel(SimGrpcHub hub, String caller, String target) {
    this.hub = hub;
    this.caller = caller;
    this.target = target;
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    // as a grpc-java channel (retries are on by default): every call may retry transparently
    return new RetryingCall<>(hub, caller, target, hub.retryPolicy(method), options,
        () -> new SimClientCall<>(hub, caller, target, method, options));
  }

  @Override
  public String authority() {
    return target;
  }

  @Override
  public String toString() {
    return "simulated gRPC channel " + caller + " -> " + target;
  }
}
