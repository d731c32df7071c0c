package io.steelmill.examples.cluster;

import io.steelmill.runtime.Node;

/**
 * A host's parts, whichever transport its factory binds: requesting them (in this order) is what
 * each host runs; the simulation and {@code cluster run} then drive the client and watch the
 * storage through them.
 */
record StoreParts(Node host, Frontend frontend, Storage storage, WriterClient client,
    Leadership leadership) {
  /** The parts of a host talking over the {@code Network}. */
  static StoreParts of(SteelmillStoreHost host) {
    return new StoreParts(host, host.frontend(), host.storage(), host.client(), host.leadership());
  }

  /** The parts of a host talking gRPC. */
  static StoreParts of(SteelmillGrpcStoreHost host) {
    return new StoreParts(host, host.frontend(), host.storage(), host.client(), host.leadership());
  }
}
