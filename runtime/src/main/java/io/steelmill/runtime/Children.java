package io.steelmill.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** A node's running children, in the order they started; the set is created with the first. */
final class Children {
  private LinkedHashSet<Node> nodes; // guarded by this

  /** Adds {@code child} after {@code check} passed, both under the set's lock. */
  synchronized void add(Node child, Runnable check) {
    check.run();
    if (nodes == null) {
      nodes = new LinkedHashSet<>();
    }
    nodes.add(child);
  }

  synchronized void remove(Node child) {
    if (nodes != null) {
      nodes.remove(child);
    }
  }

  /** A copy, in start order. */
  synchronized List<Node> snapshot() {
    return nodes == null ? new ArrayList<>() : new ArrayList<>(nodes);
  }
}
