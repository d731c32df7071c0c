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
    RetryPolicy policy = hub.retryPolicy(method);
    if (policy == null) {
      return new SimClientCall<>(hub, caller, target, method, options);
    }
    return new RetryingCall<>(hub, caller, policy, options.getDeadline(),
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
