package io.steelmill.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import io.steelmill.runtime.Lifecycle;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link GrpcChannels}: one Netty channel per pair of nodes, with mutual TLS (the
 * calling node's certificate, and a check that the server's names the node dialled), gRPC's
 * keepalive and the connect timeout of {@link GrpcConfig.GrpcTimings}. A channel resolves its
 * node's name through {@link GrpcConfig} and follows it: a call waits for a node that has no
 * address yet only if it is {@code waitForReady}, and a node that listens anew is dialled there.
 */
@Ambient
@Daemon
@Production
public final class NettyGrpcChannels implements GrpcChannels, Lifecycle {
  private final GrpcConfig config;
  private final Map<String, NodeChannel> channels = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService scheduler;
  private volatile boolean stopped;

  public NettyGrpcChannels(GrpcConfig config) {
    this.config = config;
  }

  @Override
  public Channel channel(String node) {
    io.steelmill.platform.Names.checkNode(node); // a name no node can have: no channel for it
    String caller = NettyGrpcServers.callingNode("channel(\"" + node + "\")");
    return channels.computeIfAbsent(caller + "\n" + node, k -> new NodeChannel(caller, node));
  }

  @Override
  public Deadline.Ticker ticker() {
    return Deadline.getSystemTicker();
  }

  @Override
  public ScheduledExecutorService scheduler() {
    ScheduledExecutorService current = scheduler;
    if (current == null) {
      synchronized (this) {
        if (scheduler == null) {
          scheduler = Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().daemon().name("grpc-deadlines").factory());
        }
        current = scheduler;
      }
    }
    return current;
  }

  @Override
  public void stop() {
    stopped = true;
    List<NodeChannel> all = new ArrayList<>(channels.values());
    channels.clear();
    for (NodeChannel channel : all) {
      channel.shutdown();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /**
   * Calls from one node to another, over one channel whose name resolver follows the target's
   * address ({@link NodeNameResolver}).
   */
  private final class NodeChannel extends Channel {
    private final String caller;
    private final String target;
    private final ManagedChannel channel;

    NodeChannel(String caller, String target) {
      this.caller = caller;
      this.target = target;
      this.channel = build();
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
      if (stopped) {
        return new FailedCall<>(
            Status.UNAVAILABLE.withDescription("the gRPC channels are stopped"));
      }
      return channel.newCall(method, options);
    }

    // the resolver is this channel's own (bound to this GrpcConfig and node): a provider in the
    // global registry would need global state to find them
    @SuppressWarnings("deprecation")
    private ManagedChannel build() {
      GrpcConfig.GrpcTimings timings = config.timings();
      NettyChannelBuilder builder = NettyChannelBuilder
          .forTarget(NodeNameResolver.SCHEME + ":///"
              + URLEncoder.encode(target, StandardCharsets.UTF_8))
          .nameResolverFactory(NodeNameResolver.forNode(config, target))
          .sslContext(clientTls())
          .keepAliveTime(timings.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
          .keepAliveTimeout(timings.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
          .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS,
              (int) Math.min(Integer.MAX_VALUE, timings.connectTimeout().toMillis()));
      Duration idle = config.idleTimeout();
      if (idle == null) {
        builder.idleTimeout(30, TimeUnit.DAYS); // grpc-java's "never"
      } else {
        builder.idleTimeout(idle.toNanos(), TimeUnit.NANOSECONDS);
      }
      if (config.serviceConfig() != null) {
        builder.defaultServiceConfig(config.serviceConfig()).enableRetry();
      }
      return builder.build();
    }

    private SslContext clientTls() {
      ClusterCertificates.NodeIdentity identity = config.certificates().identity(caller);
      try {
        SslContextBuilder builder = SslContextBuilder.forClient()
            .keyManager(identity.key(), identity.certificate())
            .trustManager(new NodeTrustManager(config.certificates().authority(), target));
        return GrpcSslContexts.configure(builder, SslProvider.JDK).build();
      } catch (javax.net.ssl.SSLException e) {
        throw new IllegalStateException("node " + caller + ": cannot set up TLS to " + target
            + ": " + e.getMessage(), e);
      }
    }

    void shutdown() {
      channel.shutdownNow();
    }

    @Override
    public String authority() {
      return target;
    }
  }

  /** A call that fails as soon as it starts. */
  static final class FailedCall<Q, R> extends ClientCall<Q, R> {
    private final Status status;

    FailedCall(Status status) {
      this.status = status;
    }

    @Override
    public void start(Listener<R> listener, Metadata headers) {
      listener.onClose(status, new Metadata());
    }

    @Override
    public void request(int numMessages) {}

    @Override
    public void cancel(String message, Throwable cause) {}

    @Override
    public void halfClose() {}

    @Override
    public void sendMessage(Q message) {}
  }
}
