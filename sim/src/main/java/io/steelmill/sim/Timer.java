package io.steelmill.sim;

import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An action at a virtual instant. Ordered by deadline, then creation sequence, so equal
 * deadlines fire in a deterministic order. A JDK timer stands for a timed park (a {@code
 * Thread.sleep}, a timed {@code poll}) that the JDK handed to the scheduler; the simulation agent
 * made the deadline behind it virtual, so it fires like any other.
 */
class Timer implements ScheduledFuture<Object> {
  /** Set when armed; a task's wait timer is armed again for each wait (see {@link #rearm}). */
  long deadline;
  long sequence;
  final Runnable action;
  /** The task a timeout wakes, when there is no action (the common case: no lambda per wait). */
  private final Thread wakes;
  /** The task of {@link #wakes} when known: its wake-up then skips the task lookup. */
  Task task;
  final Timers timers;
  private boolean cancelled;
  boolean fired;
  /** Its position in the far timers' {@link TimerHeap}; -1 when not there. */
  int heapIndex = -1;
  /** Its bucket of the {@link TimerWheel}; -1 when not there. */
  int bucket = -1;
  /** Its neighbours in its bucket, earlier and later. */
  Timer previous;
  Timer next;

  Timer(
      Timers timers, long deadline, long sequence, Runnable action, Thread wakes) {
    this.timers = timers;
    this.deadline = deadline;
    this.sequence = sequence;
    this.action = action;
    this.wakes = wakes;
  }

  /** Arms a timer that fired or was cancelled (and so left the heap) for a new deadline. */
  void rearm(long deadline, long sequence) {
    this.deadline = deadline;
    this.sequence = sequence;
    this.fired = false;
    this.cancelled = false;
  }

  /** Runs the action, or wakes the task; a subclass (a message delivery) does its own work. */
  void fire() {
    fired = true;
    if (action != null) {
      RunState run = timers.run;
      run.timerAction = true; // what the action starts is the simulation's ({@link Escapes})
      run.action = ++run.actionsBegun; // the watchdog's step while it runs
      try {
        action.run();
      } finally {
        run.action = 0;
        run.timerAction = false;
      }
    } else if (task != null) {
      timers.run.wake(task);
    } else {
      java.util.concurrent.locks.LockSupport.unpark(wakes);
    }
  }

  /** Whether it waits in the wheel or its heap (not yet fired, cancelled or taken). */
  boolean isPending() {
    return bucket >= 0 || heapIndex >= 0;
  }

  boolean isFired() {
    return fired;
  }

  @Override
  public boolean cancel(boolean mayInterrupt) {
    if (fired || cancelled) {
      return false;
    }
    cancelled = true;
    timers.cancelled(this);
    return true;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public boolean isDone() {
    return fired || cancelled;
  }

  @Override
  public long getDelay(TimeUnit unit) {
    return unit.convert(deadline - timers.now(), TimeUnit.NANOSECONDS);
  }

  @Override
  public int compareTo(Delayed other) {
    return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
  }

  @Override
  public Object get() {
    throw new UnsupportedOperationException("simulation timers are not awaited");
  }

  @Override
  public Object get(long timeout, TimeUnit unit) {
    throw new UnsupportedOperationException("simulation timers are not awaited");
  }
}
