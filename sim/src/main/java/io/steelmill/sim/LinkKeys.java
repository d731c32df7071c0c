package io.steelmill.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * The links {@code "from->to"} of the network, one {@link Link} per pair of nodes, built once: a
 * send looks its link up while any fault is active, and building the key for each was a string
 * per message. A link also remembers what the network's fault tables said about it, valid until
 * they change ({@link #changed}): a send during a partition then makes one lookup here instead of
 * two more in the tables.
 */
final class LinkKeys {
  private final Map<String, Map<String, Link>> links = new HashMap<>();
  /** Counts changes of the network's fault tables; a link's cached view is of one generation. */
  private long generation;

  /** A link and, as of {@link #generation}, its faults and whether it is cut. */
  static final class Link {
    final String key;
    long generation = -1;
    NetworkFaults faults;
    boolean cut;

    Link(String key) {
      this.key = key;
    }
  }

  /** The link {@code from -> to}. */
  Link of(String from, String to) {
    Map<String, Link> byTarget = links.get(from);
    if (byTarget == null) {
      byTarget = new HashMap<>();
      links.put(from, byTarget);
    }
    Link link = byTarget.get(to);
    if (link == null) {
      link = new Link(from + "->" + to);
      byTarget.put(to, link);
    }
    return link;
  }

  /** Whether {@code link}'s cached view is current; if so the caller may use it as it is. */
  boolean isCurrent(Link link) {
    return link.generation == generation;
  }

  /** Records {@code link}'s view of the current fault tables. */
  void remember(Link link, NetworkFaults faults, boolean cut) {
    link.faults = faults;
    link.cut = cut;
    link.generation = generation;
  }

  /** The fault tables changed (a cut, a heal, a link's own faults): every cached view is stale. */
  void changed() {
    generation++;
  }
}
