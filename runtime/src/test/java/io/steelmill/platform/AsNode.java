package io.steelmill.platform;

import io.steelmill.runtime.internal.NodeContext;

/** Test plumbing: platform calls made as code of a named node, as that node's daemons make them. */
final class AsNode {
  private AsNode() {}

  /** Binds {@code service} with a UTF-8 codec on {@code network} as code of {@code node}. */
  static Endpoint<String> bind(Network network, String node, String service) {
    String previous = NodeContext.enter(node);
    try {
      return network.bind(service, Codec.utf8());
    } finally {
      NodeContext.restore(previous);
    }
  }
}
