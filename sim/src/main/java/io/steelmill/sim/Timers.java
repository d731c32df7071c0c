package io.steelmill.sim;

/**
 * The pending timers of a run, in virtual time: the earliest deadline first, ties in the order
 * they were set, so the same seed fires them in the same order. Owned by the carrier: only the
 * carrier and the mounted task touch the wheel; a cancel from elsewhere only marks its timer.
 */
final class Timers {
  final RunState run;
  private final TimerWheel wheel = new TimerWheel();
  private long sequence;

  Timers(RunState run) {
    this.run = run;
  }

  /** A timer at {@code now + delayNanos} that runs {@code action}, or unparks {@code wakes}. */
  Timer add(long now, long delayNanos, Runnable action, Thread wakes) {
    Timer timer = new Timer(this, now + Math.max(0, delayNanos), sequence++, action, wakes);
    wheel.add(timer, now);
    return timer;
  }

  /**
   * The timeout of a wait of {@code task}: its own timer, armed again, unless a wait of the task
   * is using it (a wait inside a wait's condition): then a new one. A wait timer leaves the wheel
   * before its wait returns (fired, or cancelled by the task itself), so one timer per task
   * replaces one per wait that the garbage collector had to collect. The order is the same
   * either way: the timer takes the next sequence number, as a new one would.
   */
  Timer wake(Task task, long now, long delayNanos) {
    Timer timer = task.waitTimer;
    if (task.waitTimerArmed || timer != null && (timer.isPending() || !timer.isDone())) {
      return add(now, delayNanos, null, task.thread);
    }
    if (timer == null) {
      timer = add(now, delayNanos, null, task.thread);
      timer.task = task;
      task.waitTimer = timer;
    } else {
      timer.rearm(now + Math.max(0, delayNanos), sequence++);
      wheel.add(timer, now);
    }
    task.waitTimerArmed = true;
    return timer;
  }

  /**
   * Arms {@code timer} (new, fired or cancelled; not pending) at {@code now + delayNanos}, with
   * the next sequence number, as {@link #add} arms a new one: a pooled timer (a message
   * delivery) fires in the same order a new one would.
   */
  void arm(Timer timer, long now, long delayNanos) {
    timer.rearm(now + Math.max(0, delayNanos), sequence++);
    wheel.add(timer, now);
  }

  /** The earliest live timer, taken off the wheel; null when none is pending. */
  Timer next() {
    Timer timer;
    while ((timer = wheel.poll(run.now)) != null) {
      if (!timer.isCancelled()) { // one cancelled by a thread outside the simulation
        return timer;
      }
    }
    return null;
  }

  /**
   * A timer was cancelled: on the carrier or the mounted task it leaves the wheel at once, so the
   * wheel holds only live timers; a cancel from elsewhere only marks it.
   */
  void cancelled(Timer timer) {
    Thread caller = Thread.currentThread();
    if (caller == run.carrier || caller == run.mounted) {
      wheel.remove(timer);
    }
  }

  long now() {
    return run.now;
  }

  int size() {
    return wheel.size();
  }

  /**
   * A timer's action runs on the carrier, outside any task: a wait there (a receive, a sleep, a
   * promise) would park the run's only carrier. Refused in one line instead of a pinned carrier.
   */
  static void refuseWaitInAction(RunState run) {
    if (run.timerAction && Thread.currentThread() == run.carrier) {
      throw new SimulationException("A timer action (Simulation.schedule) waited (a receive, a"
          + " sleep, a call, a promise) at virtual time " + java.time.Duration.ofNanos(run.now)
          + ": an action runs on the carrier, outside any task, and must not wait. Fix: wait in"
          + " a task (Simulation.spawn); an action may wake one, or schedule another action for"
          + " later.");
    }
  }
}
