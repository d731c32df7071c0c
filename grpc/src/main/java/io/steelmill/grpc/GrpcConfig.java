package io.steelmill.grpc;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the gRPC servers of a production cluster listen, the certificates they authenticate each
 * other with, and the connection timings (the simulated transport uses the same timings, so a
 * partition ends a call the same way in both). A node serving in this process without an entry
 * listens on an ephemeral port of {@link #bindAddress()} and is added here, so nodes of one JVM
 * find each other with no configuration. Provide it with {@code @Factory(injected =
 * GrpcConfig.class)} or a {@code @Provides} method, in both builds: the simulated transport
 * honours its timings in virtual time.
 */
public final class GrpcConfig {
  private final InetAddress bindAddress;
  private final Supplier<ClusterCertificates> certificates;
  private final GrpcTimings timings;
  private final Map<String, ?> serviceConfig;
  private final Duration idleTimeout;
  private final Map<String, InetSocketAddress> nodes = new ConcurrentHashMap<>();
  /** grpc-java's defaults: idle after 30 minutes, at least 1 s, never from 30 days on. */
  private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration NEVER_IDLE = Duration.ofDays(30);
  private final Map<String, Set<Consumer<InetSocketAddress>>> watchers =
      new ConcurrentHashMap<>();

  private GrpcConfig(InetAddress bindAddress, Map<String, InetSocketAddress> nodes,
      Supplier<ClusterCertificates> certificates, GrpcTimings timings,
      Map<String, ?> serviceConfig, Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
    this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    this.timings = Objects.requireNonNull(timings, "timings");
    this.serviceConfig = serviceConfig;
    nodes.forEach((node, address) -> {
      io.steelmill.platform.Names.checkNode(node);
      if (address == null) {
        throw new IllegalArgumentException("GrpcConfig: node " + node + " has no address."
            + " Fix: give each node its host and port, e.g. new InetSocketAddress(\"10.0.0.2\","
            + " 7070)");
      }
      this.nodes.put(node, address);
    });
  }

  /**
   * Every node on the loopback interface, with a certificate authority generated for the run when
   * first needed (a simulation, which authenticates no one, never makes it).
   */
  public static GrpcConfig loopback() {
    return new GrpcConfig(InetAddress.getLoopbackAddress(), Map.of(),
        new Generated(), GrpcTimings.defaults(), null, DEFAULT_IDLE_TIMEOUT);
  }

  /** Known node addresses (other processes), local nodes listening on {@code bindAddress}. */
  public static GrpcConfig of(InetAddress bindAddress, Map<String, InetSocketAddress> nodes,
      ClusterCertificates certificates) {
    Objects.requireNonNull(certificates, "certificates");
    return new GrpcConfig(bindAddress, nodes, () -> certificates, GrpcTimings.defaults(), null,
        DEFAULT_IDLE_TIMEOUT);
  }

  /** The same configuration with other timings. */
  public GrpcConfig withTimings(GrpcTimings newTimings) {
    return new GrpcConfig(bindAddress, nodes, certificates, newTimings, serviceConfig,
        idleTimeout);
  }

  /**
   * The same configuration with a default gRPC service config for every channel, in grpc-java's
   * map form (numbers as {@code Double}): its {@code retryPolicy} entries retry calls, in
   * production (the channel is built with {@code enableRetry()}) and in simulation (backoff in
   * virtual time, jitter from the seed), with its {@code retryThrottling} and the servers'
   * {@code grpc-retry-pushback-ms}.
   *
   * @throws IllegalArgumentException in one line naming the field if its {@code retryThrottling},
   *     a {@code methodConfig} entry's names or its {@code retryPolicy} is malformed
   */
  public GrpcConfig withServiceConfig(Map<String, ?> config) {
    Map<String, ?> copy = Map.copyOf(Objects.requireNonNull(config, "config"));
    RetryThrottling.of(copy);
    RetryPolicy.checkAll(copy);
    return new GrpcConfig(bindAddress, nodes, certificates, timings, copy, idleTimeout);
  }

  /**
   * The same configuration with another idle timeout: a channel with no call under way for this
   * long goes idle, dropping its connection, and the next call connects anew (grpc-java's idle
   * mode, modelled by the simulated channel). 30 days or more: never idle.
   *
   * @throws IllegalArgumentException if below grpc-java's floor of 1 s
   */
  public GrpcConfig withIdleTimeout(Duration timeout) {
    if (timeout == null || timeout.compareTo(MIN_IDLE_TIMEOUT) < 0) {
      throw new IllegalArgumentException("idleTimeout " + timeout + " is below gRPC's floor of "
          + MIN_IDLE_TIMEOUT);
    }
    return new GrpcConfig(bindAddress, nodes, certificates, timings, serviceConfig, timeout);
  }

  /** How long a channel stays connected with no call; null when it never goes idle. */
  public Duration idleTimeout() {
    return idleTimeout.compareTo(NEVER_IDLE) >= 0 ? null : idleTimeout;
  }

  /** The default service config of every channel, or null. */
  public Map<String, ?> serviceConfig() {
    return serviceConfig;
  }

  public InetAddress bindAddress() {
    return bindAddress;
  }

  public ClusterCertificates certificates() {
    return certificates.get();
  }

  /** An authority generated once, at its first use. */
  private static final class Generated implements Supplier<ClusterCertificates> {
    private ClusterCertificates generated;

    @Override
    public synchronized ClusterCertificates get() {
      if (generated == null) {
        generated = ClusterCertificates.generate();
      }
      return generated;
    }
  }

  public GrpcTimings timings() {
    return timings;
  }

  /** Where {@code node} listens, or null if unknown. */
  public InetSocketAddress addressOf(String node) {
    return nodes.get(node);
  }

  /** {@code node} listens at {@code address} (now or again): its watchers hear it. */
  void register(String node, InetSocketAddress address) {
    nodes.put(node, address);
    for (Consumer<InetSocketAddress> watcher : watchers.getOrDefault(node, Set.of())) {
      watcher.accept(address);
    }
  }

  /**
   * Tells {@code watcher} every address {@code node} registers from now on (a channel's name
   * resolver: a call waiting for the node's address goes on when it is known); the returned
   * action stops it.
   */
  Runnable watch(String node, Consumer<InetSocketAddress> watcher) {
    watchers.computeIfAbsent(node, n -> new CopyOnWriteArraySet<>()).add(watcher);
    return () -> watchers.getOrDefault(node, Set.of()).remove(watcher);
  }

  /** Timings of connections: how soon a silent peer counts as gone. */
  public record GrpcTimings(Duration connectTimeout, Duration keepAliveTime,
      Duration keepAliveTimeout) {
    /** gRPC's floor for client keepalive pings (Netty refuses faster ones). */
    static final Duration MIN_KEEPALIVE = Duration.ofSeconds(10);

    /** The longest timing: longer is a unit mistake (and would overflow gRPC's nanoseconds). */
    static final Duration MAX_TIMING = Duration.ofDays(365);

    public GrpcTimings {
      positive("connectTimeout", connectTimeout);
      positive("keepAliveTimeout", keepAliveTimeout);
      positive("keepAliveTime", keepAliveTime);
      if (keepAliveTime.compareTo(MIN_KEEPALIVE) < 0) {
        throw new IllegalArgumentException("keepAliveTime " + keepAliveTime
            + " is below gRPC's floor of " + MIN_KEEPALIVE);
      }
    }

    /** Connect within 2 s; ping a silent connection with calls after 10 s, give up 5 s later. */
    public static GrpcTimings defaults() {
      return new GrpcTimings(Duration.ofSeconds(2), MIN_KEEPALIVE, Duration.ofSeconds(5));
    }

    private static void positive(String what, Duration value) {
      if (value == null || value.isNegative() || value.isZero()
          || value.compareTo(MAX_TIMING) > 0) {
        throw new IllegalArgumentException(what + " must be positive and at most "
            + MAX_TIMING.toDays() + " days, not " + value);
      }
    }
  }
}
