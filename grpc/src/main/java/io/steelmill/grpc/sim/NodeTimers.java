package io.steelmill.grpc.sim;

import io.steelmill.sim.Simulation;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

/**
 * One node's gRPC timers (retransmissions, keepalives, call deadlines, scheduled commands): a
 * simulated task of the node waits in virtual time for the earliest and runs each action when it
 * is due. Being a task of the node, it stops when the node crashes (its timers die with it) and
 * waits while the node is paused (a paused client's deadline fires when it wakes, as after a long
 * garbage collection). Actions run on this task: they must not block.
 */
final class NodeTimers {
  private final Simulation sim;
  private final TreeSet<Entry> pending = new TreeSet<>();
  private final Thread worker;
  private long sequence;
  private boolean changed;

  /** A pending action; {@link #cancel()} keeps it from running. */
  final class Entry implements Comparable<Entry> {
    final long deadline;
    private final long order = sequence++;
    private final Runnable action;
    private boolean done;

    private Entry(long deadline, Runnable action) {
      this.deadline = deadline;
      this.action = action;
    }

    /** False if it already ran or was cancelled. */
    boolean cancel() {
      if (done) {
        return false;
      }
      done = true;
      pending.remove(this);
      return true;
    }

    boolean isDone() {
      return done;
    }

    long remainingNanos() {
      return deadline - sim.nanoTime();
    }

    @Override
    public int compareTo(Entry other) {
      int byTime = Long.compare(deadline, other.deadline);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  NodeTimers(Simulation sim, String node) {
    this.sim = sim;
    this.worker = sim.spawn(io.steelmill.runtime.NodeId.of(node), "grpc-timers", this::loop);
  }

  /** Runs {@code action} on this node's timer task after {@code delayNanos} of virtual time. */
  Entry after(long delayNanos, Runnable action) {
    Entry entry = new Entry(sim.nanoTime() + Math.max(0, delayNanos), action);
    pending.add(entry);
    if (pending.first() == entry) {
      changed = true;
      LockSupport.unpark(worker);
    }
    return entry;
  }

  private void loop() {
    try {
      while (true) {
        Entry first = pending.isEmpty() ? null : pending.first();
        long now = sim.nanoTime();
        if (first != null && first.deadline <= now) {
          pending.pollFirst();
          first.done = true;
          first.action.run();
          continue;
        }
        changed = false;
        sim.await(() -> changed, first == null ? -1 : first.deadline - now, this);
      }
    } catch (InterruptedException stopped) {
      // the node crashed or the simulation ends
    }
  }

  @Override
  public String toString() {
    return "gRPC timers (" + pending.size() + " pending)";
  }
}
