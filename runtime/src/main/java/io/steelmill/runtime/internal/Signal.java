package io.steelmill.runtime.internal;

import io.steelmill.platform.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Where runtime code waits, on a {@link Clock}, for something another thread brings about (a
 * daemon's call returning, a node terminating, a construction ending): {@link #await} parks
 * until a condition holds or a timeout passes, {@link #signalAll} wakes every waiter to re-check
 * its own condition. Waiters are woken in the order they came, so a simulation replays them
 * identically.
 *
 * <p>The queue of waiters is created by the first waiter: every node and factory has signals,
 * and most are never waited on (a child built and dropped, a lock never contended).
 */
public final class Signal {
  private static final VarHandle WAITERS;

  static {
    try {
      WAITERS =
          MethodHandles.lookup()
              .findVarHandle(Signal.class, "waiters", ConcurrentLinkedQueue.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile ConcurrentLinkedQueue<Thread> waiters; // null until someone waits

  /**
   * Waits until {@code ready} holds or {@code timeoutNanos} pass on {@code clock}.
   *
   * @return whether {@code ready} held
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public boolean await(Clock clock, BooleanSupplier ready, long timeoutNanos, Object blocker)
      throws InterruptedException {
    if (ready.getAsBoolean()) {
      return true;
    }
    if (timeoutNanos <= 0) {
      return false;
    }
    Thread self = Thread.currentThread();
    ConcurrentLinkedQueue<Thread> queue = queue();
    queue.add(self); // registered before the check in clock.await: no wake-up is missed
    try {
      return clock.await(ready, Duration.ofNanos(timeoutNanos), blocker);
    } finally {
      queue.remove(self);
    }
  }

  /**
   * Parks until {@code ready} holds, with no timeout: for a wait whose end is certain (another
   * thread's construction, which the start of its node bounds). An interrupt does not end the
   * wait; the flag is kept for the caller.
   */
  public void awaitUninterruptibly(BooleanSupplier ready, Object blocker) {
    awaitUninterruptibly(ready, blocker, 0);
  }

  /**
   * As {@link #awaitUninterruptibly(BooleanSupplier, Object)}, but re-checks {@code ready} by
   * itself at least every {@code recheckNanos} (if positive): for a waker that may miss this
   * waiter (a release with no fence before its read of the waiters).
   */
  public void awaitUninterruptibly(BooleanSupplier ready, Object blocker, long recheckNanos) {
    if (ready.getAsBoolean()) {
      return;
    }
    Thread self = Thread.currentThread();
    ConcurrentLinkedQueue<Thread> queue = queue();
    queue.add(self); // registered before the check: no wake-up is missed
    boolean interrupted = false;
    try {
      while (!ready.getAsBoolean()) {
        if (recheckNanos > 0) {
          LockSupport.parkNanos(blocker, recheckNanos);
        } else {
          LockSupport.park(blocker);
        }
        if (Thread.interrupted()) {
          interrupted = true;
        }
      }
    } finally {
      queue.remove(self);
      if (interrupted) {
        self.interrupt();
      }
    }
  }

  /** Wakes every waiting thread; each re-checks its condition. */
  public void signalAll() {
    ConcurrentLinkedQueue<Thread> queue = waiters;
    if (queue == null || queue.isEmpty()) { // the common case: no one waits, nothing to walk
      return;
    }
    for (Thread waiter : queue) {
      LockSupport.unpark(waiter);
    }
  }

  private ConcurrentLinkedQueue<Thread> queue() {
    ConcurrentLinkedQueue<Thread> queue = waiters;
    return queue != null
        ? queue
        : LazyFields.install(WAITERS, this, new ConcurrentLinkedQueue<>());
  }
}
