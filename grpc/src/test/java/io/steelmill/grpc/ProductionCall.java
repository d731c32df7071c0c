package io.steelmill.grpc;

import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;
import io.steelmill.runtime.internal.NodeContext;
import java.util.concurrent.TimeUnit;

/** One real unary call over TLS, as production daemons make it; loaded by a restricted loader. */
public final class ProductionCall {
  private ProductionCall() {}

  /** Serves Echo on "s", calls it from "c", and returns the answer. */
  public static String run() {
    GrpcConfig config = GrpcConfig.loopback();
    NettyGrpcServers servers = new NettyGrpcServers(config);
    NettyGrpcChannels channels = new NettyGrpcChannels(config);
    String previous = NodeContext.enter("s");
    try {
      servers.register(Echo.service(ms -> { }, what -> { }));
      NodeContext.enter("c");
      return ClientCalls.blockingUnaryCall(channels.channel("s"), Echo.SAY,
          CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), "zero cost");
    } finally {
      NodeContext.restore(previous);
      channels.stop();
      servers.stop();
    }
  }
}
