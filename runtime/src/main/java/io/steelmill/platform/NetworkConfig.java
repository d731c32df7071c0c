package io.steelmill.platform;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the nodes of a production cluster listen: one TCP address per node, services multiplexed
 * on it. A node bound in this process without an entry listens on an ephemeral port of {@link
 * #bindAddress()} and is added here, so nodes of one JVM find each other with no configuration.
 * Provide it with {@code @Factory(injected = NetworkConfig.class)} or a {@code @Provides} method.
 */
public final class NetworkConfig {
  private final InetAddress bindAddress;
  private final Map<String, InetSocketAddress> nodes = new ConcurrentHashMap<>();

  private NetworkConfig(InetAddress bindAddress, Map<String, InetSocketAddress> nodes) {
    this.bindAddress = bindAddress;
    this.nodes.putAll(nodes);
  }

  /** Every node on the loopback interface, ports chosen when they bind. */
  public static NetworkConfig loopback() {
    return new NetworkConfig(InetAddress.getLoopbackAddress(), Map.of());
  }

  /** Known node addresses (other processes), local nodes listening on {@code bindAddress}. */
  public static NetworkConfig of(InetAddress bindAddress, Map<String, InetSocketAddress> nodes) {
    return new NetworkConfig(bindAddress, nodes);
  }

  public InetAddress bindAddress() {
    return bindAddress;
  }

  /** Where {@code node} listens, or null if unknown. */
  public InetSocketAddress addressOf(String node) {
    return nodes.get(node);
  }

  void register(String node, InetSocketAddress address) {
    nodes.put(node, address);
  }
}
