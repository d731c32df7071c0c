package io.steelmill.platform;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.NodeState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A child node that lives exactly as long as a lease: {@link #run()} acquires the lease, builds a
 * child with it (its {@code Lease} and token injectable), starts it, and stops it, in reverse
 * order, as soon as the lease is in doubt or lost, then acquires again: the next child gets a
 * higher token. The lease lives no longer than its child either: a child that stops on its own
 * while its parent runs (a daemon stepping down, an operator's {@code stop()}) gives the lease
 * back at once, so that another holder can take it, and this scope queues for the next term.
 * Call {@link #run()} from a daemon's {@code run()} and {@link #stop()} from its {@code stop()}.
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
  private volatile Node child; // the child of the lease held now, or null

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
          Node term = children.create(lease);
          AtomicBoolean waiting = new AtomicBoolean(true);
          term.onTermination(() -> endedOnItsOwn(term, lease, waiting));
          child = term;
          try {
            if (started(term)) {
              lease.awaitChange(LeaseState.HELD);
            }
          } finally {
            waiting.set(false);
            term.close();
          }
        } finally {
          child = null;
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

  /**
   * Starts {@code term}; false if {@link #stop()} came first and stopped it (a stop that is no
   * failure of the child: {@code run()} then returns).
   */
  private boolean started(Node term) {
    if (stopping) {
      return false;
    }
    try {
      term.start();
      return true;
    } catch (IllegalStateException e) { // NodeStoppingException too: stopped while starting
      if (stopping && term.state().compareTo(NodeState.RUNNING) > 0) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The child ended while {@link #run()} still waited on its lease: if it ended cleanly, on its
   * own (not by this scope's {@link #stop()} nor its parent's stop, which stop the lease in their
   * order), the lease goes back now, which wakes {@link #run()}. A child that failed stops its
   * whole tree, this scope's daemon included.
   */
  private void endedOnItsOwn(Node child, Lease lease, AtomicBoolean waiting) {
    boolean parentRuns = child.parent().map(p -> p.state() == NodeState.RUNNING).orElse(true);
    if (!stopping && parentRuns && child.state() == NodeState.TERMINATED
        && waiting.compareAndSet(true, false)) {
      lease.close();
    }
  }

  /** The lease held now, or null. */
  public Lease current() {
    return current;
  }

  /**
   * Stops the child, then gives the lease back; {@link #run()} returns. In that order, so that
   * the next holder's child never runs beside this one (called from one of the child's own
   * daemon threads, the child's stop is only asked for: it cannot be awaited there).
   */
  public void stop() {
    stopping = true;
    Node term = child;
    if (term != null) {
      term.stop(); // returns within its grace period, whatever its daemons do
    }
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
