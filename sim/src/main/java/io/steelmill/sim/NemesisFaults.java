package io.steelmill.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The faults a {@link Nemesis} applies, one method each: whom it hits and for how long are drawn
 * from the nemesis's seeded stream, the run's fault ledger may leave it out (a replay mask), and
 * what it did lands in the trace and in {@link Nemesis#applied()}. {@link Nemesis} is what a
 * scenario configures and when faults come; this is what each does.
 */
final class NemesisFaults {
  private final Nemesis plan;

  NemesisFaults(Nemesis plan) {
    this.plan = plan;
  }

  private String anyHost(boolean up) {
    List<String> candidates = new ArrayList<>();
    for (String name : plan.cluster.names()) {
      if (plan.cluster.isUp(name) == up) {
        candidates.add(name);
      }
    }
    return candidates.isEmpty() ? null : candidates.get(plan.random.nextInt(candidates.size()));
  }

  void crash() {
    String host = anyHost(true);
    if (host == null || plan.cluster.names().size() < 2) {
      return;
    }
    Duration down = Duration.ofNanos(1 + plan.random.nextLong(2 * plan.downtime.toNanos()));
    var fault = begin("crash", List.of(host), "crash " + host);
    if (fault == null) {
      return;
    }
    note("crash " + host);
    plan.cluster.crash(host);
    Simulation.current().spawn(Nemesis.NEMESIS, "restart-" + host, () -> {
      try {
        Simulation.current().sleep(down);
        note("restart " + host);
        fault.end();
        plan.cluster.restart(host);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  void partition() {
    if (plan.network == null) {
      return;
    }
    Set<String> side = new LinkedHashSet<>();
    Set<String> others = new LinkedHashSet<>();
    for (String name : plan.cluster.names()) {
      (plan.random.nextInt(2) == 0 ? side : others).add(name);
    }
    if (side.isEmpty() || others.isEmpty()) {
      return;
    }
    Duration length =
        Duration.ofNanos(1 + plan.random.nextLong(2 * plan.partitionLength.toNanos()));
    var fault =
        begin("partition", List.copyOf(plan.cluster.names()), "partition " + side + " | " + others);
    if (fault == null) {
      return;
    }
    note("partition " + side + " | " + others);
    plan.network.partition(side, others);
    Simulation.current().spawn(Nemesis.NEMESIS, "heal", () -> {
      try {
        Simulation.current().sleep(length);
        note("heal");
        fault.end();
        plan.network.heal();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  void pause() {
    String host = anyHost(true);
    if (host != null) {
      Duration length = Duration.ofNanos(1 + plan.random.nextLong(plan.maxPause.toNanos()));
      var fault = begin("pause", List.of(host), "pause " + host + " " + length);
      if (fault == null) {
        return;
      }
      fault.endAt(Simulation.current().nanoTime() + length.toNanos());
      note("pause " + host + " " + length);
      Simulation.current().pause(host, length);
    }
  }

  void skew() {
    String host = anyHost(true);
    if (host != null && plan.clock != null) {
      long max = plan.maxSkew.toNanos();
      Duration offset = Duration.ofNanos(plan.random.nextLong(2 * max + 1) - max);
      if (begin("skew", List.of(host), "skew " + host + " " + offset) == null) {
        return;
      }
      note("skew " + host + " " + offset);
      plan.clock.skew(host, offset);
    }
  }

  void expireLease() {
    if (plan.leases != null && plan.leases.currentToken(plan.leaseResource) != 0) {
      if (begin("lease-expiry", List.of(), "lease-expiry " + plan.leaseResource) == null) {
        return;
      }
      note("lease-expiry " + plan.leaseResource);
      plan.leases.expire(plan.leaseResource);
    }
  }

  /** Asks the run's fault ledger (ids, replay mask, timeline); null: leave this fault out. */
  private static FaultLedger.Ongoing begin(String type, List<String> nodes, String what) {
    return Simulation.current().faults().begin(type, nodes, what);
  }

  private void note(String fault) {
    plan.applied.add("t=" + Duration.ofNanos(Simulation.current().nanoTime()) + " " + fault);
  }
}
