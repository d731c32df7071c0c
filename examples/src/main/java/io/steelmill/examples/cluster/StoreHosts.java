package io.steelmill.examples.cluster;

import java.util.List;

/** The names of the store's hosts, which the gRPC client dials when it prepares. */
public record StoreHosts(List<String> names) {
  public StoreHosts {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a store needs at least one host");
    }
  }
}
