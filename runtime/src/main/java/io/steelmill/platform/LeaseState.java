package io.steelmill.platform;

/** Where a {@link Lease} stands, from its holder's point of view. */
public enum LeaseState {
  /** Held: renewals succeed. */
  HELD,
  /**
   * Suspended: a renewal could not reach the lease service. The lease may still be held, or may
   * already be someone else's: stop acting on it, and wait for HELD again or LOST.
   */
  IN_DOUBT,
  /** Lost: expired, taken over, or the session ended. Acquire again for a new token. */
  LOST,
  /** Given back by {@link Lease#close()}. */
  RELEASED;

  /** Whether nothing follows this state: a lost or released lease never comes back. */
  public boolean isFinal() {
    return this == LOST || this == RELEASED;
  }
}
