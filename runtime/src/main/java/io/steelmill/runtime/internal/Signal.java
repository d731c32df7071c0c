package io.steelmill.runtime.internal;

import io.steelmill.platform.Clock;
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
 */
public final class Signal {
  private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();

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
    waiters.add(self); // registered before the check in clock.await: no wake-up is missed
    try {
      return clock.await(ready, Duration.ofNanos(timeoutNanos), blocker);
    } finally {
      waiters.remove(self);
    }
  }

  /** Wakes every waiting thread; each re-checks its condition. */
  public void signalAll() {
    if (waiters.isEmpty()) { // the common case (a construction ends, no one waits): no iterator
      return;
    }
    for (Thread waiter : waiters) {
      LockSupport.unpark(waiter);
    }
  }
}
