package io.steelmill.examples.replicated;

import io.steelmill.examples.OptionValues;
import java.util.List;
import java.util.Objects;

/**
 * How the replicated store behaves, injected into the ambient factory: the hosts that keep a
 * replica, and which classic mistake ({@link Bug}) the primary makes, if any.
 *
 * @param hosts the names of every host with a replica (a majority of them is a quorum)
 * @param bug the planted mistake, or {@link Bug#NONE}
 */
public record ReplicatedSettings(List<String> hosts, Bug bug) {
  /**
   * Settings for {@code hosts} (copied) with {@code bug}; refuses an empty host list, since a
   * store needs at least one replica. (A factory method, not a canonical constructor: the
   * processor's lint reads constructor bodies, which javac then refuses in a record.)
   */
  public static ReplicatedSettings of(List<String> hosts, Bug bug) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("the replicated store needs at least one host");
    }
    return new ReplicatedSettings(List.copyOf(hosts), Objects.requireNonNull(bug, "bug"));
  }

  /** How many replicas make a majority. */
  public int majority() {
    return hosts.size() / 2 + 1;
  }

  /** Planted mistakes that the history checker finds under simulation. */
  public enum Bug {
    /** None: the store is linearizable. */
    NONE,
    /**
     * Reads are answered from the primary's own state while its lease looks valid, without a
     * majority confirming its epoch: a deposed primary that has not noticed serves stale values.
     */
    STALE_READ,
    /** A write is acknowledged as soon as it is sent to the backups, before a majority has it. */
    EARLY_ACK,
    /**
     * A new primary reuses the newest epoch the replicas have promised (its predecessor's)
     * instead of its lease's fencing token, so the backups accept both primaries' writes.
     */
    STALE_TERM;

    /** The option value, e.g. {@code stale-read}. */
    public String option() {
      return OptionValues.of(this);
    }

    /** The bug named {@code option} ({@code none}, {@code stale-read}, ...), or null. */
    public static Bug named(String option) {
      return OptionValues.named(Bug.class, option);
    }
  }
}
