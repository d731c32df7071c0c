package io.steelmill.sim;

/**
 * The pending timers of a run, in virtual time: the earliest deadline first, ties in the order
 * they were set, so the same seed fires them in the same order. Owned by the carrier: only the
 * carrier and the mounted task touch the heap; a cancel from elsewhere only marks its timer.
 */
final class Timers {
  private final RunState run;
  private final TimerHeap heap = new TimerHeap();
  private long sequence;

  Timers(RunState run) {
    this.run = run;
  }

  /** A timer at {@code now + delayNanos} that runs {@code action}, or unparks {@code wakes}. */
  Timer add(long now, long delayNanos, Runnable action, Thread wakes, Task owner, boolean jdk) {
    Timer timer =
        new Timer(this, now + Math.max(0, delayNanos), sequence++, action, wakes, owner, jdk);
    heap.add(timer);
    return timer;
  }

  /** The earliest live timer, taken off the heap; null when none is pending. */
  Timer next() {
    Timer timer;
    while ((timer = heap.poll()) != null) {
      if (!timer.isCancelled()) { // one cancelled by a thread outside the simulation
        return timer;
      }
    }
    return null;
  }

  /**
   * A timer was cancelled: on the carrier or the mounted task it leaves the heap at once, so the
   * heap holds only live timers; a cancel from elsewhere only marks it.
   */
  void cancelled(Timer timer) {
    Thread caller = Thread.currentThread();
    if (caller == run.carrier || caller == run.mounted) {
      heap.remove(timer);
    }
  }

  long now() {
    return run.now;
  }

  int size() {
    return heap.size();
  }
}
