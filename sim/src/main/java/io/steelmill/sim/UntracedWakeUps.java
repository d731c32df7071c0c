package io.steelmill.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The wake-ups threads outside the simulation give a run while it unwinds. They unwind too, but
 * when a real thread let go decides whether they come at all, so they run only when the traced
 * unwinding is over, with the trace closed: nothing of theirs may reach the trace, the step count,
 * the virtual time or the verdict the run reports. Whether a task is then left over still depends
 * on that thread, and shows only among the leaked tasks, beside what such a task failed with.
 */
final class UntracedWakeUps {
  private final RunState run;
  private final Function<Runnable, Task> register;
  /**
   * Kept raw, not registered: a thread a real thread started from the run's scheduler would
   * otherwise take a task id and a "spawn" line in the trace in the order of its arrival.
   */
  private final ArrayList<Runnable> deferred = new ArrayList<>();
  /** The steps and virtual time when the traced unwinding ended, once deferred tasks ran. */
  private long[] untraced;

  UntracedWakeUps(RunState run, Function<Runnable, Task> register) {
    this.run = run;
    this.register = register;
  }

  void reset() {
    deferred.clear();
    untraced = null;
  }

  /** Keeps {@code continuation} for later; false once the untraced part runs (it runs then). */
  boolean defer(Runnable continuation) {
    if (untraced != null) {
      return false;
    }
    deferred.add(continuation);
    return true;
  }

  /**
   * When the traced unwinding is over, queues what threads outside woke meanwhile, the trace
   * frozen: tasks the run knew by task id, then those it never saw by thread id.
   *
   * @return whether there is something to run
   */
  boolean runDeferred() {
    if (deferred.isEmpty()) {
      return false;
    }
    if (untraced == null) {
      untraced = new long[] {run.steps, run.now};
      run.trace.freeze();
      run.untraced = true; // what these tasks fail with is noted, not the run's failure
    }
    List<Task> tasks = new ArrayList<>();
    List<Runnable> unseen = new ArrayList<>();
    for (Runnable continuation : deferred) {
      Task task = run.tasks.get(continuation);
      if (task != null) {
        tasks.add(task);
      } else {
        unseen.add(continuation);
      }
    }
    deferred.clear();
    tasks.sort(Comparator.comparingInt(task -> task.id));
    unseen.sort(Comparator.comparingLong(UntracedWakeUps::threadIdOf));
    for (Runnable continuation : unseen) {
      tasks.add(register.apply(continuation)); // the trace is frozen: its "spawn" goes nowhere
    }
    run.runQueue.addAll(tasks);
    return true;
  }

  /** Puts back the steps and virtual time of the traced run; the checks after judge it again. */
  void restore() {
    run.untraced = false;
    if (untraced != null) {
      run.steps = untraced[0];
      run.now = untraced[1];
    }
  }

  private static long threadIdOf(Runnable continuation) {
    Thread thread = SimScheduler.threadOf(continuation);
    return thread == null ? Long.MAX_VALUE : thread.threadId();
  }
}
