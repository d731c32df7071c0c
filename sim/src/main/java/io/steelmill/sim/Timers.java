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
  Timer add(long now, long delayNanos, Runnable action, Thread wakes) {
    Timer timer = new Timer(this, now + Math.max(0, delayNanos), sequence++, action, wakes);
    heap.add(timer);
    return timer;
  }

  /**
   * The timeout of a wait of {@code task}: its own timer, armed again, unless a wait of the task
   * is using it (a wait inside a wait's condition): then a new one. A wait timer leaves the heap
   * before its wait returns (fired, or cancelled by the task itself), so one timer per task
   * replaces one per wait that the garbage collector had to collect. The order is the same
   * either way: the timer takes the next sequence number, as a new one would.
   */
  Timer wake(Task task, long now, long delayNanos) {
    Timer timer = task.waitTimer;
    if (task.waitTimerArmed || timer != null && (timer.heapIndex >= 0 || !timer.isDone())) {
      return add(now, delayNanos, null, task.thread);
    }
    if (timer == null) {
      timer = add(now, delayNanos, null, task.thread);
      task.waitTimer = timer;
    } else {
      timer.rearm(now + Math.max(0, delayNanos), sequence++);
      heap.add(timer);
    }
    task.waitTimerArmed = true;
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
