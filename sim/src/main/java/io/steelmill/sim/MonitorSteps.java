package io.steelmill.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link RunLoop}'s steps that end on a monitor: a task blocked entering {@code
 * synchronized}, or handed the monitor while it unmounted. A monitor another task of the run
 * holds is an escape; one held outside the simulation (a logger's lock, a class another
 * simulation initializes) is waited for within the step, so the block costs wall time but never
 * changes the schedule or the trace.
 */
final class MonitorSteps {
  /**
   * How long a step waits, in real time, for a monitor whose owner the JVM's thread snapshot
   * cannot name (a task parked while holding it would never release it while the carrier waits).
   */
  private static final long MONITOR_SETTLE_NANOS = 500_000_000L;

  /**
   * How long a step waits, in real time, for a monitor the snapshot shows held outside the
   * simulation (a class-loading lock, a logger's): its owner runs when the machine lets it, and
   * on a loaded machine that took more than {@link #MONITOR_SETTLE_NANOS}, which failed a seed
   * that passed everywhere else. Only an owner that never lets go ends the step.
   */
  static final long OUTSIDE_SETTLE_NANOS = 60_000_000_000L;

  /**
   * How long a step waits for a monitor held outside before it looks whether its holder is a task
   * of another run, and how often it looks again. Looking takes thread snapshots, which a monitor
   * hand-off in flight must not meet (taken every 10 ms from the first, they moved a hand-off of a
   * class-loading lock between two seeds of a sweep out of its step, and changed the seed's
   * trace); a class another run loads, the usual wait, is over long before.
   */
  private static final long OTHER_RUNS_LOOK_NANOS = 1_000_000_000L;

  private final RunState run;
  private final RunLoop loop;

  MonitorSteps(RunState run, RunLoop loop) {
    this.run = run;
    this.loop = loop;
  }

  /**
   * A task blocked entering a monitor: one held by another task of this run is an escape ({@link
   * HeldMonitors}); one held outside the simulation is waited for ({@link #settleMonitor}).
   */
  Thread.State blocked(Task task, int queued) {
    SimulationException held =
        run.unwinding ? null : HeldMonitors.heldByTask(task, run.live.values(), run.now);
    if (held != null) {
      run.fail(held);
      return Thread.State.BLOCKED;
    }
    long[] waited = new long[1];
    Thread.State state = settleMonitor(task, queued, waited);
    if (state == Thread.State.BLOCKED && !run.unwinding) {
      run.fail(HeldMonitors.heldTooLong(task, run.now, Duration.ofNanos(waited[0]),
          OtherRunsMonitors.holder(task, run)));
    }
    return state;
  }

  /**
   * Whether {@code task}'s step ended on a monitor: blocked, or handed it already. The JDK reads
   * a handed-off task as runnable, and its wake-up is a real-time accident: it comes from the
   * releasing thread (still on its way to the inbox) or, when the release came while the task
   * was unmounting, from this carrier, queued like a yield. Both must run the task within this
   * step, as a block that lasts does ({@link #settleMonitor}): the second is moved from the run
   * queue to the inbox, where the step waits for the first. Without this, two simulations
   * loading one class under load failed with "a wake-up came from outside the simulation", or
   * took one more step than alone, which changed the trace. A task unparked instead is a wake-up
   * from outside (a platform thread's {@code LockSupport.unpark} just as it parked): it goes to
   * the inbox, which fails the run, instead of being run within the step as a hand-off, which
   * let a real thread's timing into a passing run.
   */
  boolean onMonitor(Task task, Thread.State state, int queued) {
    if (state == Thread.State.BLOCKED) {
      return true;
    }
    if (state != Thread.State.RUNNABLE) {
      return false;
    }
    boolean unparked = VirtualThreadStates.unparked(task.thread);
    // a ReentrantLock a thread outside let go as the task parked: a hand-off, run in this step
    boolean handOff = unparked && !run.unwinding && (LockCycles.letGoOutside(task)
        || LockCycles.ownerOutside(task, run) != null);
    unparked &= !handOff;
    ArrayList<Task> runQueue = run.runQueue;
    for (int i = runQueue.size() - 1; i >= queued; i--) {
      if (runQueue.get(i) == task) {
        if (!unparked && !handOff && !VirtualThreadStates.unblocked(task.thread)) {
          return false; // it yielded: a scheduling point of the seed
        }
        runQueue.remove(i);
        run.foreign.add(task.continuation); // unparked: a wake-up from outside, reported there
        return !unparked;
      }
    }
    // not queued: a monitor's hand-off on its way from the releasing thread, or an unpark from
    // outside on its way to the inbox, which must fail the run, not run within the step
    if (unparked) {
      awaitInInbox(task);
    }
    return !unparked;
  }

  /**
   * Waits, up to {@link #MONITOR_SETTLE_NANOS}, for the continuation of {@code task}, unparked
   * from outside, to reach the inbox: the unparking thread submits it right after it changed the
   * task's state. Without the wait the step ended first, and whether the run then failed as "a
   * wake-up came from outside" or as a hang (nothing could run) depended on that thread's timing.
   */
  private void awaitInInbox(Task task) {
    long deadline = System.nanoTime() + MONITOR_SETTLE_NANOS;
    while (!run.foreign.contains(task.continuation) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000); // not a spin: on a loaded machine it starved the submitter
    }
  }

  /**
   * A task that blocked on a monitor held outside the simulation (a logger's lock another thread
   * holds, a class another thread initializes) is handed the monitor back by a JDK thread, not by
   * a task: the step waits for that wake-up and goes on with the same task, so the block costs
   * wall time but never changes the schedule or the trace. A monitor held by a parked task of
   * this simulation cannot be released while the carrier waits: after {@link
   * #MONITOR_SETTLE_NANOS} the step ends, and the wake-up that comes later is reported.
   *
   * A monitor the snapshot shows held outside is waited for up to {@link #OUTSIDE_SETTLE_NANOS}.
   *
   * @param waited set to the limit of the last wait, for the report of a monitor never released
   * @return the task's state when the step ends
   */
  private Thread.State settleMonitor(Task task, int queued, long[] waited) {
    Thread.State state = Thread.State.BLOCKED;
    List<Runnable> others = new ArrayList<>();
    waited[0] = settleLimit(task);
    run.settling = waited[0] == OUTSIDE_SETTLE_NANOS;
    long deadline = System.nanoTime() + waited[0];
    long nextLook = System.nanoTime() + OTHER_RUNS_LOOK_NANOS;
    try {
      while (System.nanoTime() < deadline) {
        Runnable next = run.foreign.poll();
        if (next == null) {
          if (waited[0] == OUTSIDE_SETTLE_NANOS && System.nanoTime() - nextLook >= 0) {
            if (hopeless(task)) {
              return Thread.State.BLOCKED;
            }
            nextLook = System.nanoTime() + OTHER_RUNS_LOOK_NANOS;
          }
          LockSupport.parkNanos(20_000);
        } else if (next != task.continuation) {
          others.add(next);
        } else {
          // the task runs its own code now: another run must not snapshot its threads, and the
          // holder named at the last look is stale (a run that waits for this one's monitor
          // would read it as a deadlock across simulations)
          run.settling = false;
          run.waitingFor = null;
          loop.mountAndRun(task);
          state = task.thread.getState();
          if (!onMonitor(task, state, queued)) {
            return state;
          }
          state = Thread.State.BLOCKED;
          waited[0] = settleLimit(task);
          run.settling = waited[0] == OUTSIDE_SETTLE_NANOS;
          run.waitingFor = null; // named again at the next look, for the monitor it waits for now
          deadline = System.nanoTime() + waited[0];
          nextLook = System.nanoTime() + OTHER_RUNS_LOOK_NANOS;
        }
      }
    } finally {
      run.waitingFor = null;
      run.settling = false;
      run.foreign.addAll(others);
    }
    return state;
  }

  /**
   * Whether the wait of {@code task} for a monitor held outside can never end: its holder is a
   * task of another run of this JVM that ended, or that waits in turn for this run ({@link
   * OtherRunsMonitors}); then the run fails at once, naming both. Looked at every {@link
   * #OTHER_RUNS_LOOK_NANOS}: the holder may change while the step waits.
   */
  private boolean hopeless(Task task) {
    OtherRunsMonitors.Holder holder = OtherRunsMonitors.holder(task, run);
    run.waitingFor = holder; // published before the other run's waits are read: one sees both
    SimulationException never =
        holder == null ? null : OtherRunsMonitors.hopeless(task, run, holder);
    if (never != null && !run.unwinding) {
      run.fail(never);
    }
    return never != null;
  }

  /**
   * A task that parked on a {@code java.util.concurrent} lock a thread outside the simulation
   * holds (a logger's {@code ReentrantLock} that a test thread holds) waits for it within the
   * step, as for a monitor held outside: the owner's release wakes it from that thread, at a
   * moment of its own, and taken as a later wake-up it failed the run ("a wake-up came from
   * outside"), or, when it came after the run, left the task behind and let the run pass. Run
   * within the step, the wait costs wall time and never changes the schedule or the trace. An
   * owner that keeps it for {@link #OUTSIDE_SETTLE_NANOS} fails the run, naming it.
   *
   * @return the task's state when the step ends
   */
  Thread.State lockHeldOutside(Task task, Thread.State state, int queued) {
    while (state == Thread.State.WAITING && !run.unwinding) {
      Thread owner = LockCycles.ownerOutside(task, run);
      if (owner == null && !LockCycles.letGoOutside(task)) {
        break;
      }
      // a lock let go (owner cleared, unpark on its way) is waited for only briefly: a wake-up
      // that does not come went to another waiter, and the loop goes on as before
      if (!awaitOwnWakeUp(task, owner == null ? MONITOR_SETTLE_NANOS : OUTSIDE_SETTLE_NANOS)) {
        if (owner == null) {
          return state;
        }
        run.fail(new SimulationException(Escapes.MARK + "Task " + task
            + TaskReport.waitedOn(task.thread)
            + " at virtual time " + Duration.ofNanos(run.now) + ", which thread \""
            + owner.getName() + "\", outside the simulation, held for "
            + Duration.ofNanos(OUTSIDE_SETTLE_NANOS) + " of real time. Fix: do not share a"
            + " lock between simulated code and real threads; give each node its own."));
        return state;
      }
      loop.mountAndRun(task);
      RunQueueOrder.canonical(run.runQueue, queued);
      state = task.thread.getState();
      if (onMonitor(task, state, queued)) {
        state = blocked(task, queued);
        RunQueueOrder.canonical(run.runQueue, queued);
      }
    }
    return state;
  }

  /**
   * Waits, up to {@code limit} of real time, for {@code task}'s own wake-up in the inbox,
   * taking it out; other wake-ups stay there for the loop. False when it did not come.
   */
  private boolean awaitOwnWakeUp(Task task, long limit) {
    List<Runnable> others = new ArrayList<>();
    long deadline = System.nanoTime() + limit;
    try {
      while (System.nanoTime() < deadline) {
        Runnable next = run.foreign.poll();
        if (next == task.continuation) {
          return true;
        } else if (next != null) {
          others.add(next);
        } else {
          LockSupport.parkNanos(20_000);
        }
      }
      return false;
    } finally {
      run.foreign.addAll(others);
    }
  }

  /** How long to wait for {@code task}'s monitor: long when its owner is known to be outside. */
  private long settleLimit(Task task) {
    return HeldMonitors.heldOutside(task, run.live.values()) ? OUTSIDE_SETTLE_NANOS
        : MONITOR_SETTLE_NANOS;
  }
}
