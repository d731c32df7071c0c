package io.steelmill.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * The keys {@code "from->to"} of the network's links, built once per pair of nodes: a send looks
 * its link up while any fault is active, and building the key for each was a string per message.
 */
final class LinkKeys {
  private final Map<String, Map<String, String>> keys = new HashMap<>();

  /** The key of the link {@code from -> to}. */
  String of(String from, String to) {
    Map<String, String> byTarget = keys.get(from);
    if (byTarget == null) {
      byTarget = new HashMap<>();
      keys.put(from, byTarget);
    }
    String key = byTarget.get(to);
    if (key == null) {
      key = from + "->" + to;
      byTarget.put(to, key);
    }
    return key;
  }
}
