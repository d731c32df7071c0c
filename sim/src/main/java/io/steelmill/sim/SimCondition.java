package io.steelmill.sim;

import java.util.function.BooleanSupplier;

/**
 * Where simulated tasks wait for something another task or a timer brings about (a message, a
 * reply, a lease change): {@link #await} parks until a condition holds, {@link #signalAll} wakes
 * every waiter to re-check its own. Built on {@link Simulation#await}, so crashes, interrupts and
 * timeouts behave the same in every primitive.
 */
final class SimCondition {
  private final Object owner;
  /**
   * The waiting tasks, in the order they began to wait (the task of each waiting thread: a wait
   * runs on its mounted task). An array rather than a list: adding and removing one is the hot
   * path of every receive, and a task is found by identity.
   */
  private Task[] waiters = new Task[2];
  private int waiting;
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
    RunState run = sim.state;
    Task self = run.mountedTask; // current() checked that this thread is the mounted one
    add(self);
    try {
      return run.await(ready, timeoutNanos, owner);
    } finally {
      remove(self);
    }
  }

  /** Wakes every waiting task; each re-checks its condition. */
  void signalAll() {
    if (waiting == 0) {
      return;
    }
    RunState run = simulation.state;
    Task[] tasks = waiters;
    for (int i = 0, n = waiting; i < n; i++) {
      run.wake(tasks[i]);
    }
  }

  private void add(Task task) {
    if (waiting == waiters.length) {
      waiters = java.util.Arrays.copyOf(waiters, waiting * 2);
    }
    waiters[waiting++] = task;
  }

  /** Removes the latest entry of {@code task}, keeping the others in order. */
  private void remove(Task task) {
    for (int i = waiting - 1; i >= 0; i--) {
      if (waiters[i] == task) {
        System.arraycopy(waiters, i + 1, waiters, i, waiting - i - 1);
        waiters[--waiting] = null;
        return;
      }
    }
  }
}
