package io.steelmill.sim;

import io.steelmill.platform.Lease;
import io.steelmill.platform.LeaseState;
import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A lease granted by {@link SimLeaseService}, renewed by a task of its holder's node. */
final class SimLease implements Lease {
  private final SimLeaseService service;
  private final String resource;
  private final long token;
  private final Duration ttl;
  private final List<Consumer<LeaseState>> listeners = new ArrayList<>();
  private final SimCondition changes = new SimCondition(this);
  private LeaseState state = LeaseState.HELD;
  private Instant localDeadline;

  SimLease(SimLeaseService service, String resource, long token, Duration ttl, Instant requested) {
    this.service = service;
    this.resource = resource;
    this.token = token;
    this.ttl = ttl;
    this.localDeadline = Lease.conservativeDeadline(requested, ttl);
  }

  void startRenewing(String node) {
    Simulation.current().spawn(NodeId.of(node), "lease-" + resource, this::renewLoop);
  }

  private void renewLoop() {
    Simulation sim = Simulation.current();
    try {
      while (!state.isFinal()) {
        sim.sleep(Duration.ofNanos(ttl.toNanos() / 3));
        if (state.isFinal()) {
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
        localDeadline = Lease.conservativeDeadline(requested, ttl);
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
    if (state.isFinal()) {
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
    changes.await(() -> state != from, -1);
    return state;
  }

  @Override
  public void close() {
    if (!state.isFinal()) {
      service.release(resource, token);
    }
    change(LeaseState.RELEASED);
  }

  private void change(LeaseState next) {
    if (state == next || state.isFinal()) {
      return;
    }
    state = next;
    Simulation.current().trace("lease " + resource + " token " + token + " " + next);
    for (Consumer<LeaseState> listener : List.copyOf(listeners)) {
      listener.accept(next);
    }
    changes.signalAll();
  }

  @Override
  public String toString() {
    return "lease " + resource + " token " + token + " [" + state + "]";
  }
}
