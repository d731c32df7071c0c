package io.steelmill.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.util.MutableHandlerRegistry;
import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import io.steelmill.runtime.Lifecycle;
import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The production {@link GrpcServers}: per node of this process, a Netty server with mutual TLS
 * ({@link ClusterCertificates}), started with the node's first service and shut down with its
 * last. Calls run on virtual threads (service code may block) inside the node's context, with the
 * caller's proven node name in {@link GrpcPeer#CALLER}.
 */
@Ambient
@Daemon
@Production
public final class NettyGrpcServers implements GrpcServers, Lifecycle {
  private final GrpcConfig config;
  private final Map<String, NodeServer> servers = new LinkedHashMap<>();

  /** One node's server and what it serves. */
  private static final class NodeServer {
    final MutableHandlerRegistry registry = new MutableHandlerRegistry();
    final Set<String> services = new LinkedHashSet<>();
    final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    Server server;
  }

  public NettyGrpcServers(GrpcConfig config) {
    this.config = config;
  }

  @Override
  public synchronized Registration register(ServerServiceDefinition service) {
    String node = callingNode("register(" + service.getServiceDescriptor().getName() + ")");
    String name = service.getServiceDescriptor().getName();
    NodeServer server = servers.get(node);
    if (server == null) {
      server = start(node);
      servers.put(node, server);
    }
    if (!server.services.add(name)) {
      throw new IllegalStateException("node " + node + " already serves " + name);
    }
    server.registry.addService(service);
    NodeServer owner = server;
    boolean[] closed = {false};
    return () -> {
      synchronized (this) {
        if (closed[0]) {
          return;
        }
        closed[0] = true;
        owner.registry.removeService(service);
        owner.services.remove(name);
        if (owner.services.isEmpty() && servers.get(node) == owner) {
          servers.remove(node);
          shutdown(owner);
        }
      }
    };
  }

  static String callingNode(String what) {
    String node = NodeContext.current();
    if (node == null) {
      throw new IllegalStateException(what + " outside any node's code: call it from a daemon's"
          + " constructor, prepare() or run()");
    }
    return node;
  }

  private NodeServer start(String node) {
    NodeServer server = new NodeServer();
    InetSocketAddress configured = config.addressOf(node);
    InetSocketAddress listen = configured != null ? configured
        : new InetSocketAddress(config.bindAddress(), 0);
    GrpcConfig.GrpcTimings timings = config.timings();
    server.server = NettyServerBuilder.forAddress(listen)
        .sslContext(serverTls(node))
        .fallbackHandlerRegistry(server.registry)
        .intercept(new CallerInterceptor())
        .executor(command -> server.executor.execute(() -> {
          String previous = NodeContext.enter(node);
          try {
            command.run();
          } finally {
            NodeContext.restore(previous);
          }
        }))
        .permitKeepAliveTime(timings.keepAliveTime().toNanos() / 2, TimeUnit.NANOSECONDS)
        // the server pings a silent client too (gRPC's default waits 2 h): a client host that
        // died without a word has its calls cancelled after the same timings as in simulation
        .keepAliveTime(timings.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
        .keepAliveTimeout(timings.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
        .build();
    try {
      server.server.start();
    } catch (IOException e) {
      server.executor.close();
      throw new UncheckedIOException("node " + node + " cannot serve gRPC on " + listen + ": "
          + e.getMessage(), e);
    }
    config.register(node, new InetSocketAddress(listen.getAddress(), server.server.getPort()));
    return server;
  }

  private SslContext serverTls(String node) {
    ClusterCertificates.NodeIdentity identity = config.certificates().identity(node);
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(identity.key(), identity.certificate())
              .trustManager(new NodeTrustManager(config.certificates().authority(), null))
              .clientAuth(ClientAuth.REQUIRE);
      return GrpcSslContexts.configure(builder, SslProvider.JDK).build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException("node " + node + ": cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static void shutdown(NodeServer server) {
    server.server.shutdownNow();
    try {
      server.server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.executor.shutdownNow();
  }

  @Override
  public void stop() {
    Map<String, NodeServer> all;
    synchronized (this) {
      all = new LinkedHashMap<>(servers);
      servers.clear();
    }
    all.values().forEach(NettyGrpcServers::shutdown);
  }

  /** Puts the node name of the peer's certificate into the call's context, or refuses the call. */
  private static final class CallerInterceptor implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      String caller = caller(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
      if (caller == null) {
        call.close(Status.UNAUTHENTICATED.withDescription("no node certificate"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return Contexts.interceptCall(Context.current().withValue(GrpcPeer.CALLER, caller), call,
          headers, next);
    }

    private static String caller(SSLSession session) {
      if (session == null) {
        return null;
      }
      try {
        Certificate[] chain = session.getPeerCertificates();
        return chain.length > 0 && chain[0] instanceof X509Certificate x509
            ? ClusterCertificates.nodeName(x509) : null;
      } catch (SSLPeerUnverifiedException e) {
        return null;
      }
    }
  }
}
