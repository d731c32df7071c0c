package io.steelmill.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Where simulated tasks wait for something another task or a timer brings about (a message, a
 * reply, a lease change): {@link #await} parks until a condition holds, {@link #signalAll} wakes
 * every waiter to re-check its own. Built on {@link Simulation#await}, so crashes, interrupts and
 * timeouts behave the same in every primitive.
 */
final class SimCondition {
  private final Object owner;
  /** The waiting tasks (the task of each waiting thread: a wait runs on its mounted task). */
  private final List<Task> waiters = new ArrayList<>();
  /** The simulation of the last wait, to skip the thread-local lookup next time. */
  private Simulation simulation;

  /** {@code owner} is what hang reports show the waiters blocked on. */
  SimCondition(Object owner) {
    this.owner = owner;
  }

  /** Waits until {@code ready} holds, or {@code timeoutNanos} pass (negative: no timeout). */
  boolean await(BooleanSupplier ready, long timeoutNanos) throws InterruptedException {
    Simulation sim = Simulation.current(simulation);
    simulation = sim;
    Task self = sim.state.mountedTask; // current() checked that this thread is the mounted one
    waiters.add(self);
    try {
      return sim.await(ready, timeoutNanos, owner);
    } finally {
      waiters.remove(self);
    }
  }

  /** Wakes every waiting task; each re-checks its condition. */
  void signalAll() {
    if (waiters.isEmpty()) {
      return;
    }
    RunState run = simulation.state;
    for (Task waiter : waiters) {
      run.wake(waiter);
    }
  }
}
