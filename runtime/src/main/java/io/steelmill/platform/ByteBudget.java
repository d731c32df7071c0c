package io.steelmill.platform;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A number of bytes that readers reserve before they allocate, and release when done. */
final class ByteBudget {
  private final long capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private long available; // guarded by lock

  ByteBudget(long capacity) {
    this.capacity = capacity;
    this.available = capacity;
  }

  /**
   * Reserves {@code bytes}, waiting until {@code deadlineNanos} (of {@link System#nanoTime}) for
   * others to release; false if they did not, or if more than the whole budget was asked.
   */
  boolean reserve(long bytes, long deadlineNanos) throws InterruptedException {
    if (bytes > capacity) {
      return false;
    }
    lock.lock();
    try {
      while (available < bytes) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        released.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
      }
      available -= bytes;
      return true;
    } finally {
      lock.unlock();
    }
  }

  void release(long bytes) {
    lock.lock();
    try {
      available += bytes;
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  long available() {
    lock.lock();
    try {
      return available;
    } finally {
      lock.unlock();
    }
  }
}
