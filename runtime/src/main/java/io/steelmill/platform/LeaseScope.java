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
  private volatile Thread runner;
  private volatile Lease current;

  public LeaseScope(LeaseService leases, String resource, Duration ttl, Children children) {
    LeaseRequest.check(resource, ttl, Duration.ZERO);
    this.leases = leases;
    this.resource = resource;
    this.ttl = ttl;
    this.children = children;
  }

  /** Holds the lease and its child, again and again, until {@link #stop()}. */
  public void run() throws InterruptedException {
    runner = Thread.currentThread();
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
    Thread thread = runner;
    if (thread != null) {
      thread.interrupt(); // waiting to acquire
    }
  }
}
