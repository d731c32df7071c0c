package io.steelmill.platform;

import io.steelmill.runtime.Node;
import java.time.Duration;

/**
 * A child node that lives exactly as long as a lease: {@link #run()} acquires the lease, builds a
 * child with it (its {@code Lease} and token injectable), starts it, and stops it, in reverse
 * order, as soon as the lease is in doubt or lost, then acquires again: the next child gets a
 * higher token. Call {@link #run()} from a daemon's {@code run()} and {@link #stop()} from its
 * {@code stop()}.
 */
public final class LeaseScope {
  /** Builds the child for a new lease (inject the lease, request its daemons); not started. */
  @FunctionalInterface
  public interface Children {
    Node create(Lease lease);
  }

  private final LeaseService leases;
  private final String resource;
  private final Duration ttl;
  private final Children children;
  private volatile boolean stopping;
  private final java.util.concurrent.atomic.AtomicReference<Thread> runner =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile Lease current;

  public LeaseScope(LeaseService leases, String resource, Duration ttl, Children children) {
    LeaseRequest.check(resource, ttl, Duration.ZERO);
    this.leases = leases;
    this.resource = resource;
    this.ttl = ttl;
    this.children = children;
  }

  /**
   * Holds the lease and its child, again and again, until {@link #stop()}.
   *
   * @throws IllegalStateException if {@code run()} is already running on another thread: two
   *     runners would hold two leases on one resource in turn, each with a child, and {@link
   *     #stop()} would stop only one of them
   */
  public void run() throws InterruptedException {
    Thread me = Thread.currentThread();
    Thread other = runner.compareAndExchange(null, me);
    if (other != null) {
      throw new IllegalStateException("LeaseScope of lease " + resource + " already runs on"
          + " thread " + other.getName() + ". Fix: call run() once, from one daemon's run()");
    }
    try {
      while (!stopping) {
        Lease lease = leases.acquire(resource, ttl);
        current = lease;
        if (stopping) {
          current = null;
          lease.close();
          return;
        }
        try {
          Node child = children.create(lease);
          try {
            child.start();
            lease.awaitChange(LeaseState.HELD);
          } finally {
            child.close();
          }
        } finally {
          current = null;
          lease.close();
        }
      }
    } catch (InterruptedException e) {
      if (!stopping) {
        throw e;
      }
    } finally {
      runner.compareAndSet(me, null);
    }
  }

  /** The lease held now, or null. */
  public Lease current() {
    return current;
  }

  /** Stops the child and gives the lease back; {@link #run()} returns. */
  public void stop() {
    stopping = true;
    Lease lease = current;
    if (lease != null) {
      lease.close(); // wakes run(), which stops the child in order
      return;
    }
    Thread thread = runner.get();
    if (thread != null) {
      thread.interrupt(); // waiting to acquire
    }
  }
}
