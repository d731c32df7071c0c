package io.steelmill.grpc;

import io.grpc.Context;

/**
 * Who called: the node name a server call's peer proved (its certificate in production, the
 * sending node in simulation), in the call's {@link Context}.
 */
public final class GrpcPeer {
  /** The authenticated calling node; set for the whole call by the server. */
  public static final Context.Key<String> CALLER = Context.key("steelmill-caller");

  private GrpcPeer() {}

  /**
   * The node that made the current call.
   *
   * @throws IllegalStateException outside a server call
   */
  public static String caller() {
    String caller = CALLER.get();
    if (caller == null) {
      throw new IllegalStateException("GrpcPeer.caller() outside a gRPC server call");
    }
    return caller;
  }
}
