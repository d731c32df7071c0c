package io.steelmill.sim;

import io.steelmill.platform.Lease;
import io.steelmill.platform.LeaseState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/** A lease granted by {@link SimLeaseService}, renewed by a task of its holder's node. */
final class SimLease implements Lease {
  private static final double DRIFT_MARGIN = 0.1;

  private final SimLeaseService service;
  private final String resource;
  private final long token;
  private final Duration ttl;
  private final List<Consumer<LeaseState>> listeners = new ArrayList<>();
  private final List<Thread> waiters = new ArrayList<>();
  private LeaseState state = LeaseState.HELD;
  private Instant localDeadline;

  SimLease(SimLeaseService service, String resource, long token, Duration ttl, Instant requested) {
    this.service = service;
    this.resource = resource;
    this.token = token;
    this.ttl = ttl;
    this.localDeadline = deadlineFrom(requested);
  }

  private Instant deadlineFrom(Instant requested) {
    return requested.plus(ttl).minusNanos((long) (ttl.toNanos() * DRIFT_MARGIN));
  }

  void startRenewing(String node) {
    Simulation.current().spawn(node + "/lease-" + resource, this::renewLoop);
  }

  private void renewLoop() {
    Simulation sim = Simulation.current();
    try {
      while (state == LeaseState.HELD || state == LeaseState.IN_DOUBT) {
        sim.sleep(Duration.ofNanos(ttl.toNanos() / 3));
        if (state != LeaseState.HELD && state != LeaseState.IN_DOUBT) {
          return;
        }
        renewOnce(sim);
      }
    } catch (InterruptedException e) {
      // the node stops or crashes
    }
  }

  /** One renewal: extended, in doubt (unreachable), or lost (refused, or past the deadline). */
  private void renewOnce(Simulation sim) {
    Instant requested = service.clock().now();
    if (service.reachable(sim.node())) {
      if (service.renew(resource, token, ttl)) {
        localDeadline = deadlineFrom(requested);
        change(LeaseState.HELD);
      } else {
        change(LeaseState.LOST);
      }
    } else if (!requested.isBefore(localDeadline)) {
      change(LeaseState.LOST);
    } else {
      change(LeaseState.IN_DOUBT);
    }
  }

  @Override
  public String resource() {
    return resource;
  }

  @Override
  public long fencingToken() {
    return token;
  }

  @Override
  public LeaseState state() {
    return state;
  }

  @Override
  public Instant localDeadline() {
    return localDeadline;
  }

  @Override
  public boolean isValid() {
    return state == LeaseState.HELD && service.clock().now().isBefore(localDeadline);
  }

  @Override
  public boolean renew() throws InterruptedException {
    Simulation sim = Simulation.current();
    if (state != LeaseState.HELD && state != LeaseState.IN_DOUBT) {
      return false;
    }
    sim.sleep(Duration.ofNanos(100_000)); // the renewal's trip
    renewOnce(sim);
    return state == LeaseState.HELD;
  }

  @Override
  public void onChange(Consumer<LeaseState> listener) {
    listeners.add(listener);
  }

  @Override
  public LeaseState awaitChange(LeaseState from) throws InterruptedException {
    Simulation sim = Simulation.current();
    Thread self = Thread.currentThread();
    waiters.add(self);
    try {
      while (state == from) {
        LockSupport.park(this);
        sim.checkAlive();
        if (Thread.interrupted()) {
          throw new InterruptedException("interrupted waiting on lease " + resource);
        }
      }
      return state;
    } finally {
      waiters.remove(self);
    }
  }

  @Override
  public void close() {
    if (state != LeaseState.RELEASED && state != LeaseState.LOST) {
      service.release(resource, token);
    }
    change(LeaseState.RELEASED);
  }

  private void change(LeaseState next) {
    if (state == next || state == LeaseState.RELEASED || state == LeaseState.LOST) {
      return;
    }
    state = next;
    Simulation.current().trace("lease " + resource + " token " + token + " " + next);
    for (Consumer<LeaseState> listener : List.copyOf(listeners)) {
      listener.accept(next);
    }
    for (Thread waiter : List.copyOf(waiters)) {
      LockSupport.unpark(waiter);
    }
  }

  @Override
  public String toString() {
    return "lease " + resource + " token " + token + " [" + state + "]";
  }
}
