package test;

import io.steelmill.sim.SimCluster;
import java.util.List;
import java.util.function.Consumer;
import javax.annotation.processing.Generated;

/**
 * Typed simulation clusters of {@link StoreFactory} nodes, generated for simulation builds.
 */
@Generated(
    value = "io.steelmill.processor.SteelmillProcessor",
    comments = "mode=simulation; https://github.com/steelmill/steelmill-java#readme"
)
@SuppressWarnings({"deprecation", "removal", "unchecked", "rawtypes"})
public final class SteelmillStoreFactorySim {
  private SteelmillStoreFactorySim() {
  }

  /**
   * Hosts {@code n0 .. n<count-1>}, every entry point requested.
   */
  public static SimCluster<SteelmillStoreFactory.Ambient, SteelmillStoreFactory> cluster(
      int count) {
    return cluster(SimCluster.names("n", count), node -> {});
  }

  /**
   * Hosts {@code hosts} of {@code ambient} (an ambient factory with its instances injected),
   * every entry point requested.
   */
  public static SimCluster<SteelmillStoreFactory.Ambient, SteelmillStoreFactory> cluster(
      SteelmillStoreFactory.Ambient ambient, List<String> hosts) {
    return SimCluster.of(
        ambient,
        SteelmillStoreFactory.Ambient::node,
        node -> {
          node.store();
          node.clock();
        },
        hosts);
  }

  /**
   * Hosts {@code hosts}; {@code beforeStart} runs on each new node first (to inject instances),
   * then every entry point is requested.
   */
  public static SimCluster<SteelmillStoreFactory.Ambient, SteelmillStoreFactory> cluster(
      List<String> hosts, Consumer<SteelmillStoreFactory> beforeStart) {
    return SimCluster.of(
        SteelmillStoreFactory.ambient(),
        SteelmillStoreFactory.Ambient::node,
        node -> {
          beforeStart.accept(node);
          node.store();
          node.clock();
        },
        hosts);
  }
}
