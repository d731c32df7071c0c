package io.steelmill.platform;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * A held lease on a resource, with a fencing token. A lease alone is not safe: a holder paused
 * (garbage collection, a stopped VM) or partitioned can believe it holds a lease that has expired.
 * The token is what makes it safe: it strictly increases per resource, every write carries it,
 * and the resource rejects writes with an older token than one it has seen ({@link Fence}).
 */
public interface Lease extends AutoCloseable {
  /** The share of a lease's validity kept back for clock drift in its local deadline. */
  double DRIFT_MARGIN = 0.1;

  /**
   * The conservative local deadline of a lease confirmed at {@code confirmed} (by the holder's
   * clock, when the request was sent) for {@code validity}: minus {@link #DRIFT_MARGIN} of it, so
   * a holder whose clock runs slow still stops in time. Every implementation uses this.
   */
  static Instant conservativeDeadline(Instant confirmed, java.time.Duration validity) {
    return confirmed.plus(validity).minusNanos((long) (validity.toNanos() * DRIFT_MARGIN));
  }

  String resource();

  /** Strictly increases each time anyone acquires this resource. */
  long fencingToken();

  LeaseState state();

  /**
   * A conservative local deadline, by this node's clock: when the lease was requested, plus its
   * duration, minus a margin for clock drift. Past it, assume the lease is gone.
   */
  Instant localDeadline();

  /** Whether the lease is HELD and the local deadline has not passed. */
  boolean isValid();

  /**
   * Renews the lease now, beyond the automatic renewals, for example before a long operation;
   * moves the local deadline. Returns whether the lease is still held; a refused renewal means
   * the lease is lost.
   */
  boolean renew() throws InterruptedException;

  /** Calls {@code listener} on every state change (in doubt, held again, lost, released). */
  void onChange(Consumer<LeaseState> listener);

  /** Waits until the state is no longer {@code from}; returns the new state. */
  LeaseState awaitChange(LeaseState from) throws InterruptedException;

  /** Releases the lease if still held. */
  @Override
  void close();
}
