package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The carrier's loop: scheduling and virtual time. It runs one task step at a time, chosen by the
 * seeded PRNG among the runnable ones; when none can run it fires the next timer, moving virtual
 * time to its deadline; when nothing can run and nothing is pending it reports a hang. Every task
 * is registered here on its first step, with the node it was created for.
 */
final class RunLoop {
  private static final int UNWIND_STEPS = 1_000_000;
  /** How long a step waits, in real time, for a monitor held outside the simulation. */
  private static final long MONITOR_SETTLE_NANOS = 500_000_000L;

  private final RunState run;
  /**
   * Whether the main task has ended: set by the step that ended it (a task ends only in its own
   * step), so the loop need not ask the main thread for its state on every turn.
   */
  private boolean mainEnded;

  RunLoop(RunState run) {
    this.run = run;
  }

  void loop(Simulation simulation, Simulation.Body body) {
    Simulation.CURRENT.set(simulation);
    mainEnded = false;
    io.steelmill.runtime.internal.Unwinding.install(run.unwound::contains);
    run.mainThread =
        run.scheduler.builder().name("main").unstarted(() -> {
          try {
            body.run();
          } catch (Throwable e) {
            if (!(e instanceof InterruptedException && run.unwinding)
                && !(e instanceof NodeCrashed)) {
              run.fail(e);
            }
          }
        });
    run.mainThread.start();
    long unwindSteps = 0;
    while (true) {
      drainForeign();
      if (!run.unwinding
          && (run.failure != null || mainEnded)) {
        startUnwinding();
      }
      if (run.unwinding && (run.live.isEmpty() || unwindSteps++ > UNWIND_STEPS)) {
        break;
      }
      if (!run.runQueue.isEmpty()) {
        step();
        continue;
      }
      Timer timer = run.timers.next();
      if (timer != null) {
        int queued = run.runQueue.size();
        fire(timer);
        RunQueueOrder.canonical(run.runQueue, queued);
        continue;
      }
      if (run.unwinding) {
        break; // tasks left that nothing will ever wake: reported as leaked
      }
      // Threads are listed before the inbox is looked at again: an escaped platform thread is
      // then either still alive (and listed) or has already queued its wake-up (caught above).
      String escaped = TaskReport.escapedThreads(run.carrier.threadId());
      if (!run.foreign.isEmpty()) {
        continue;
      }
      run.fail(new SimulationException("Hang: nothing can run and nothing is pending, but the"
          + " main task has not finished.\n" + TaskReport.describe(run.live.values())
          + escaped
          + "\nFix: make sure something inside the simulation wakes each blocked task (a reply,"
          + " a timeout on the injected Clock), or stop it before the main task waits on it."));
    }
    io.steelmill.runtime.internal.Unwinding.uninstall();
    Simulation.CURRENT.remove();
  }

  /**
   * Runs one task step, picked by the seeded PRNG. The common path stays under the JIT's size
   * limit for inlining a hot method into the loop (HotSpot's {@code FreqInlineSize}, 325 bytes of
   * bytecode); what is rare (a lock cycle, a task's end, a livelock) is a method of its own.
   */
  private void step() {
    ArrayList<Task> runQueue = run.runQueue;
    int index = runQueue.size() == 1 ? 0 : run.schedulerRandom.nextInt(runQueue.size());
    Task task = runQueue.get(index);
    runQueue.set(index, runQueue.get(runQueue.size() - 1));
    runQueue.remove(runQueue.size() - 1);
    if (run.faults.holds(task, run.now)) {
      return; // its node is paused: runs when the pause ends
    }
    run.steps++;
    run.trace.step(run.now, task.id);
    int queued = runQueue.size();
    mountAndRun(task);
    RunQueueOrder.canonical(runQueue, queued);
    Thread.State state = task.thread.getState(); // read once per step: the loop is hot
    if (onMonitor(task, state, queued)) {
      state = blocked(task, queued);
      RunQueueOrder.canonical(runQueue, queued);
    }
    if (!run.unwinding && (state == Thread.State.WAITING || state == Thread.State.BLOCKED)) {
      checkLockCycle(task, state);
    }
    if (state == Thread.State.TERMINATED) {
      ended(task);
    }
    if (!run.unwinding) {
      run.invariants.check(run, run.now);
      if (run.steps - run.stepsAtLastTimeAdvance > run.maxStepsWithoutTime) {
        livelock();
      }
    }
  }

  /** Fails the run if {@code task}, waiting for a lock, closed a cycle of tasks waiting. */
  private void checkLockCycle(Task task, Thread.State state) {
    String cycle = LockCycles.closedBy(task, state, run.live.values(), run.trace);
    if (cycle != null) {
      run.fail(new SimulationException(cycle));
    }
  }

  /** {@code task} ended in its step: it leaves the run. */
  private void ended(Task task) {
    mainEnded |= task.thread == run.mainThread;
    run.live.remove(task.id);
    run.tasks.remove(task.continuation);
    run.unwound.remove(task.thread);
    notePoolUse(task);
  }

  private void livelock() {
    run.fail(new SimulationException("Livelock: " + run.maxStepsWithoutTime + " steps"
        + " without virtual time advancing (tasks spinning with Thread.yield() or busy"
        + " waits?).\n" + TaskReport.describe(run.live.values())));
  }

  /**
   * A task blocked entering a monitor: one held by another task of this run is an escape ({@link
   * HeldMonitors}); one held outside the simulation is waited for ({@link #settleMonitor}).
   */
  private Thread.State blocked(Task task, int queued) {
    SimulationException held =
        run.unwinding ? null : HeldMonitors.heldByTask(task, run.live.values(), run.now);
    if (held != null) {
      run.fail(held);
      return Thread.State.BLOCKED;
    }
    Thread.State state = settleMonitor(task, queued);
    if (state == Thread.State.BLOCKED && !run.unwinding) {
      run.fail(HeldMonitors.heldTooLong(task, run.now, Duration.ofNanos(MONITOR_SETTLE_NANOS)));
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
   * took one more step than alone, which changed the trace.
   */
  private boolean onMonitor(Task task, Thread.State state, int queued) {
    if (state == Thread.State.BLOCKED) {
      return true;
    }
    if (state != Thread.State.RUNNABLE) {
      return false;
    }
    ArrayList<Task> runQueue = run.runQueue;
    for (int i = runQueue.size() - 1; i >= queued; i--) {
      if (runQueue.get(i) == task) {
        if (!VirtualThreadStates.unblocked(task.thread)) {
          return false; // it yielded: a scheduling point of the seed
        }
        runQueue.remove(i);
        run.foreign.add(task.continuation);
        return true;
      }
    }
    return true;
  }

  private void mountAndRun(Task task) {
    run.mount(task);
    try {
      task.continuation.run();
    } finally {
      run.mount(null);
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
   * @return the task's state when the step ends
   */
  private Thread.State settleMonitor(Task task, int queued) {
    Thread.State state = Thread.State.BLOCKED;
    List<Runnable> others = new ArrayList<>();
    long deadline = System.nanoTime() + MONITOR_SETTLE_NANOS;
    try {
      while (System.nanoTime() < deadline) {
        Runnable next = run.foreign.poll();
        if (next == null) {
          LockSupport.parkNanos(20_000);
        } else if (next != task.continuation) {
          others.add(next);
        } else {
          mountAndRun(task);
          state = task.thread.getState();
          if (!onMonitor(task, state, queued)) {
            return state;
          }
          state = Thread.State.BLOCKED;
          deadline = System.nanoTime() + MONITOR_SETTLE_NANOS;
        }
      }
    } finally {
      run.foreign.addAll(others);
    }
    return state;
  }

  private void fire(Timer timer) {
    if (timer.deadline > run.maxVirtualNanos && !run.unwinding) {
      run.fail(new SimulationException("The run passed its virtual time limit of "
          + Duration.ofNanos(run.maxVirtualNanos) + " before the main task finished."
          + " Fix: raise maxVirtualTime, or make the scenario end sooner.\n"
          + TaskReport.describe(run.live.values())));
      return;
    }
    if (timer.deadline > run.now) {
      run.now = timer.deadline;
      run.stepsAtLastTimeAdvance = run.steps;
    }
    try {
      timer.fire(); // a JDK timed park too: the agent made its deadline virtual (TimeWarp)
    } catch (Throwable e) { // on the carrier: left to fly, it would end the loop, not the run
      run.fail(new SimulationException("A timer's action (Simulation.schedule) threw at virtual"
          + " time " + Duration.ofNanos(run.now) + ": " + e + ". Fix: a timer action must not"
          + " throw; do work that may fail on a task (Simulation.spawn).", e));
    }
  }

  private void drainForeign() {
    Runnable continuation;
    while ((continuation = run.foreign.poll()) != null) {
      Task task = register(continuation);
      run.runQueue.add(task);
      if (!run.unwinding) {
        run.fail(new SimulationException("A wake-up came from outside the simulation, for task "
            + task + ". Something woke it from a real thread: a platform thread (new Thread, an"
            + " executor with a default thread factory), the common pool (CompletableFuture."
            + "*Async without an executor, parallel streams), or a synchronized block held across"
            + " a park. Fix: use the injected Daemons for threads and executors, and ReentrantLock"
            + " instead of synchronized around blocking calls."));
      }
    }
  }

  private void startUnwinding() {
    run.unwinding = true;
    run.trace.event(run.now, "unwind " + run.live.size() + " tasks");
    for (Task task : List.copyOf(run.live.values())) {
      run.unwound.add(task.thread);
      task.thread.interrupt();
    }
  }

  void notePoolUse(Task task) {
    if (run.poolUser == null && CommonPoolWatch.submittedWork(task.thread)) {
      run.poolUser = task;
    }
  }

  /** A continuation is runnable: from the carrier or a task it joins the queue, else the inbox. */
  void execute(Runnable continuation) {
    Thread caller = Thread.currentThread();
    if (caller != run.carrier && caller != run.mounted) {
      run.foreign.add(continuation);
      return;
    }
    Task woken = run.waking;
    run.runQueue.add(
        woken != null && woken.continuation == continuation ? woken : register(continuation));
  }

  /**
   * The task of {@code continuation}, registered on its first step: its node is the one it was
   * created for, else the node whose code started it (see {@link Task#nodeOfChild}).
   */
  private Task register(Runnable continuation) {
    Task task = run.tasks.get(continuation);
    if (task != null) {
      return task;
    }
    Task parent = run.mountedTask;
    Thread thread = SimScheduler.threadOf(continuation);
    NodeId given = thread == null ? null : run.nodesOfNewThreads.remove(thread);
    NodeId node = given != null ? given : Task.nodeOfChild(parent);
    task = new Task(run.nextTaskId++, thread, node, continuation);
    task.killed = parent != null && parent.killed && parent.node.equals(node);
    run.tasks.put(continuation, task);
    run.live.put(task.id, task);
    run.trace.event(run.now, "spawn " + task + (node == NodeId.NONE ? "" : " on " + node.name()));
    return task;
  }
}
