package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The carrier's loop: scheduling and virtual time. It runs one task step at a time, chosen by the
 * seeded PRNG among the runnable ones; when none can run it fires the next timer, moving virtual
 * time to its deadline; when nothing can run and nothing is pending it reports a hang. Every task
 * is registered here on its first step, with the node it was created for.
 */
final class RunLoop {
  private static final int UNWIND_STEPS = 1_000_000;

  private final RunState run;
  private final MonitorSteps monitors;
  /**
   * Whether the main task has ended: set by the step that ended it (a task ends only in its own
   * step), so the loop need not ask the main thread for its state on every turn.
   */
  private boolean mainEnded;
  /** Wake-ups from outside while the run unwinds: run after its traced part. */
  private final UntracedWakeUps untraced;

  RunLoop(RunState run) {
    this.run = run;
    this.monitors = new MonitorSteps(run, this);
    this.untraced = new UntracedWakeUps(run, this::register);
  }

  void loop(Simulation simulation, Simulation.Body body) {
    Simulation.CURRENT.set(simulation);
    mainEnded = false;
    untraced.reset();
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
        if (untraced.runDeferred()) {
          continue;
        }
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
        if (untraced.runDeferred()) {
          continue;
        }
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
    untraced.restore();
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
    if (monitors.onMonitor(task, state, queued)) {
      state = monitors.blocked(task, queued);
      RunQueueOrder.canonical(runQueue, queued);
    }
    if (!run.unwinding && (state == Thread.State.WAITING || state == Thread.State.BLOCKED)) {
      state = checkLockCycle(task, state, queued);
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

  /**
   * Fails the run if {@code task}, waiting for a lock, closed a cycle of tasks waiting; waits
   * within the step for a lock a thread outside holds ({@link MonitorSteps#lockHeldOutside}).
   *
   * @return the task's state when the step ends
   */
  private Thread.State checkLockCycle(Task task, Thread.State state, int queued) {
    String cycle = LockCycles.closedBy(task, state, run.live.values(), run.trace);
    if (cycle != null) {
      run.fail(new SimulationException(cycle));
      return state;
    }
    return state == Thread.State.WAITING ? monitors.lockHeldOutside(task, state, queued) : state;
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

  void mountAndRun(Task task) {
    run.mount(task);
    try {
      task.continuation.run();
    } finally {
      run.mount(null);
    }
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
      if (run.unwinding && untraced.defer(continuation)) {
        continue; // not the run's: after the traced unwinding
      }
      Task task = register(continuation);
      run.runQueue.add(task);
      if (!run.unwinding) {
        run.fail(new SimulationException("A wake-up came from outside the simulation, for task "
            + task + waitedOn(task) + ". Something woke it from a real thread: a platform"
            + " thread (new Thread, an executor with a default thread factory), the common pool"
            + " (CompletableFuture.*Async without an executor, parallel streams), or a"
            + " synchronized block held across a park. Fix: use the injected Daemons for threads"
            + " and executors, and ReentrantLock instead of synchronized around blocking calls."));
      }
    }
  }

  /** What a task woken from outside waited on, and the ways a real thread lets that go. */
  private static String waitedOn(Task task) {
    String what = TaskReport.waitedOn(task.thread);
    return what.isEmpty() ? what : what + " (a thread outside the simulation let it go:"
        + " unlocked it, counted it down, signalled it or completed it)";
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
    // a task run after the trace froze ran when a real thread let it: it decides no verdict
    if (run.poolUser == null && !run.untraced && CommonPoolWatch.submittedWork(task.thread)) {
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
