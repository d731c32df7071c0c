package io.steelmill.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Where simulated tasks wait for something another task or a timer brings about (a message, a
 * reply, a lease change): {@link #await} parks until a condition holds, {@link #signalAll} wakes
 * every waiter to re-check its own. Built on {@link Simulation#await}, so crashes, interrupts and
 * timeouts behave the same in every primitive.
 */
final class SimCondition {
  private final Object owner;
  private final List<Thread> waiters = new ArrayList<>();
  /** The simulation of the last wait, to skip the thread-local lookup next time. */
  private Simulation simulation;

  /** {@code owner} is what hang reports show the waiters blocked on. */
  SimCondition(Object owner) {
    this.owner = owner;
  }

  /** Waits until {@code ready} holds, or {@code timeoutNanos} pass (negative: no timeout). */
  boolean await(BooleanSupplier ready, long timeoutNanos) throws InterruptedException {
    Thread self = Thread.currentThread();
    waiters.add(self);
    try {
      Simulation sim = Simulation.current(simulation);
      simulation = sim;
      return sim.await(ready, timeoutNanos, owner);
    } finally {
      waiters.remove(self);
    }
  }

  /** Wakes every waiting task; each re-checks its condition. */
  void signalAll() {
    for (Thread waiter : waiters) {
      LockSupport.unpark(waiter);
    }
  }
}
