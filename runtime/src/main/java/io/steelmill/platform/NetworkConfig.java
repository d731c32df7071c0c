package io.steelmill.platform;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the nodes of a production cluster listen, how they authenticate each other, and the
 * network's budgets. One TCP address per node, services multiplexed on it. A node bound in this
 * process without an entry listens on an ephemeral port of {@link #bindAddress()} and is added
 * here, so nodes of one JVM find each other with no configuration. Every connection is
 * authenticated with the {@link ClusterSecret} (see {@link TcpNetwork}); {@link #loopback()}
 * generates one for a cluster that lives in one process, and the nodes of a cluster spread over
 * processes must all be given the same one. Provide it with {@code @Factory(injected =
 * NetworkConfig.class)} or a {@code @Provides} method.
 */
public final class NetworkConfig {
  private final InetAddress bindAddress;
  private final ClusterSecret secret;
  private final TcpLimits limits;
  private final Map<String, InetSocketAddress> nodes = new ConcurrentHashMap<>();

  private NetworkConfig(InetAddress bindAddress, Map<String, InetSocketAddress> nodes,
      ClusterSecret secret, TcpLimits limits) {
    this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.limits = Objects.requireNonNull(limits, "limits");
    nodes.forEach((node, address) -> this.nodes.put(
        Names.checkNode(node), Objects.requireNonNull(address, "address of " + node)));
  }

  /**
   * Every node on the loopback interface, ports chosen when they bind, authenticated with a
   * secret generated for this configuration (so only this process's nodes can talk to them).
   */
  public static NetworkConfig loopback() {
    return new NetworkConfig(InetAddress.getLoopbackAddress(), Map.of(), ClusterSecret.generate(),
        TcpLimits.defaults());
  }

  /**
   * Known node addresses, local nodes listening on {@code bindAddress}, with a secret generated
   * here: only nodes of this process can authenticate, so the nodes of other processes listed in
   * {@code nodes} cannot talk to them. For a cluster spread over processes, use {@link
   * #of(InetAddress, Map, ClusterSecret)} with the secret they share.
   */
  public static NetworkConfig of(InetAddress bindAddress, Map<String, InetSocketAddress> nodes) {
    return of(bindAddress, nodes, ClusterSecret.generate());
  }

  /**
   * Known node addresses (other processes), local nodes listening on {@code bindAddress}, every
   * connection authenticated with {@code secret}, which every node of the cluster must share.
   */
  public static NetworkConfig of(InetAddress bindAddress, Map<String, InetSocketAddress> nodes,
      ClusterSecret secret) {
    return new NetworkConfig(bindAddress, nodes, secret, TcpLimits.defaults());
  }

  /** The same configuration with other budgets. */
  public NetworkConfig withLimits(TcpLimits newLimits) {
    return new NetworkConfig(bindAddress, nodes, secret, newLimits);
  }

  public InetAddress bindAddress() {
    return bindAddress;
  }

  public TcpLimits limits() {
    return limits;
  }

  ClusterSecret secret() {
    return secret;
  }

  /** Where {@code node} listens, or null if unknown. */
  public InetSocketAddress addressOf(String node) {
    return nodes.get(node);
  }

  void register(String node, InetSocketAddress address) {
    nodes.put(node, address);
  }
}
