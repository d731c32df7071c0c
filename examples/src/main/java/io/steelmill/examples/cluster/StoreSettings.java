package io.steelmill.examples.cluster;

import io.steelmill.examples.OptionValues;

/**
 * How the store behaves, injected into the ambient factory: whether the storage checks fencing
 * tokens, and which classic mistake ({@link Bug}) the leader makes, if any.
 */
public record StoreSettings(boolean fenced, Bug bug) {
  /** A store without a planted bug. */
  public StoreSettings(boolean fenced) {
    this(fenced, Bug.NONE);
  }

  /** Planted mistakes that the history checker finds under simulation. */
  public enum Bug {
    /** None: reads and writes go through the storage with the current lease's token. */
    NONE,
    /** The leader answers reads from its own copy, so a deposed leader serves stale values. */
    STALE_READ,
    /** The leader acknowledges a write before the storage has it; a lost send loses the write. */
    EARLY_ACK;

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
