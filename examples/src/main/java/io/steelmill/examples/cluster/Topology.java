package io.steelmill.examples.cluster;

import java.time.Duration;

/** Names and timings shared by the cluster's parts. */
final class Topology {
  /** The storage runs on the ambient node, as the other shared services do. */
  static final String STORAGE_NODE = "ambient";

  static final String RESOURCE = "store-leader";

  static final Duration LEASE_TTL = Duration.ofMillis(300);

  private Topology() {}
}
