package io.steelmill.examples.replicated;

import io.steelmill.Daemon;

/** Where a host's frontend finds the primary child while the host holds the primary lease. */
@Daemon
public final class PrimarySlot {
  private volatile PrimaryService current;

  PrimarySlot() {}

  PrimaryService current() {
    return current;
  }

  void set(PrimaryService primary) {
    current = primary;
  }

  void clear(PrimaryService primary) {
    if (current == primary) {
      current = null;
    }
  }
}
