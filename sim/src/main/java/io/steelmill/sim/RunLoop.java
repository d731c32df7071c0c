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

  private final Simulation sim;

  RunLoop(Simulation simulation) {
    this.sim = simulation;
  }

  void loop(Simulation.Body body) {
    Simulation.CURRENT.set(sim);
    io.steelmill.runtime.internal.Unwinding.install(sim.unwound::contains);
    sim.mainThread =
        sim.scheduler.builder().name("main").unstarted(() -> {
          try {
            body.run();
          } catch (Throwable e) {
            if (!(e instanceof InterruptedException && sim.unwinding)
                && !(e instanceof NodeCrashed)) {
              sim.fail(e);
            }
          }
        });
    sim.mainThread.start();
    long unwindSteps = 0;
    while (true) {
      drainForeign();
      if (!sim.unwinding
          && (sim.failure != null || sim.mainThread.getState() == Thread.State.TERMINATED)) {
        startUnwinding();
      }
      if (sim.unwinding && (sim.live.isEmpty() || unwindSteps++ > UNWIND_STEPS)) {
        break;
      }
      if (!sim.runQueue.isEmpty()) {
        step();
        continue;
      }
      Timer timer = sim.timers.next();
      if (timer != null) {
        int queued = sim.runQueue.size();
        fire(timer);
        RunQueueOrder.canonical(sim.runQueue, queued);
        continue;
      }
      if (sim.unwinding) {
        break; // tasks left that nothing will ever wake: reported as leaked
      }
      // Threads are listed before the inbox is looked at again: an escaped platform thread is
      // then either still alive (and listed) or has already queued its wake-up (caught above).
      String escaped = TaskReport.escapedThreads(sim.carrier.threadId());
      if (!sim.foreign.isEmpty()) {
        continue;
      }
      sim.fail(new SimulationException("Hang: nothing can run and nothing is pending, but the"
          + " main task has not finished.\n" + TaskReport.describe(sim.live.values())
          + escaped
          + "\nFix: make sure something inside the simulation wakes each blocked task (a reply,"
          + " a timeout on the injected Clock), or stop it before the main task waits on it."));
    }
    io.steelmill.runtime.internal.Unwinding.uninstall();
    Simulation.CURRENT.remove();
  }

  private void step() {
    ArrayList<Task> runQueue = sim.runQueue;
    int index = runQueue.size() == 1 ? 0 : sim.schedulerRandom.nextInt(runQueue.size());
    Task task = runQueue.get(index);
    runQueue.set(index, runQueue.get(runQueue.size() - 1));
    runQueue.remove(runQueue.size() - 1);
    if (sim.faults.holds(task, sim.now)) {
      return; // its node is paused: runs when the pause ends
    }
    sim.steps++;
    sim.trace.step(sim.now, task.id);
    int queued = runQueue.size();
    mountAndRun(task);
    RunQueueOrder.canonical(runQueue, queued);
    Thread.State state = task.thread.getState(); // read once per step: the loop is hot
    if (state == Thread.State.BLOCKED) {
      state = blocked(task);
    }
    if (!sim.unwinding && (state == Thread.State.WAITING || state == Thread.State.BLOCKED)) {
      String cycle = LockCycles.closedBy(task, state, sim.live.values(), sim.trace);
      if (cycle != null) {
        sim.fail(new SimulationException(cycle));
      }
    }
    if (state == Thread.State.TERMINATED) {
      sim.live.remove(task.id);
      sim.tasks.remove(task.continuation);
      sim.unwound.remove(task.thread);
      notePoolUse(task);
    }
    if (!sim.unwinding) {
      sim.invariants.check(sim, sim.now);
      if (sim.steps - sim.stepsAtLastTimeAdvance > sim.maxStepsWithoutTime) {
        sim.fail(new SimulationException("Livelock: " + sim.maxStepsWithoutTime + " steps"
            + " without virtual time advancing (tasks spinning with Thread.yield() or busy"
            + " waits?).\n" + TaskReport.describe(sim.live.values())));
      }
    }
  }

  /**
   * A task blocked entering a monitor: one held by another task of this run is an escape ({@link
   * HeldMonitors}); one held outside the simulation is waited for ({@link #settleMonitor}).
   */
  private Thread.State blocked(Task task) {
    SimulationException held =
        sim.unwinding ? null : HeldMonitors.heldByTask(task, sim.live.values(), sim.now);
    if (held != null) {
      sim.fail(held);
      return Thread.State.BLOCKED;
    }
    Thread.State state = settleMonitor(task);
    if (state == Thread.State.BLOCKED && !sim.unwinding) {
      sim.fail(HeldMonitors.heldTooLong(task, sim.now, Duration.ofNanos(MONITOR_SETTLE_NANOS)));
    }
    return state;
  }

  private void mountAndRun(Task task) {
    sim.mountedTask = task;
    sim.mounted = task.thread;
    try {
      task.continuation.run();
    } finally {
      sim.mounted = null;
      sim.mountedTask = null;
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
  private Thread.State settleMonitor(Task task) {
    Thread.State state = Thread.State.BLOCKED;
    List<Runnable> others = new ArrayList<>();
    long deadline = System.nanoTime() + MONITOR_SETTLE_NANOS;
    try {
      while (System.nanoTime() < deadline) {
        Runnable next = sim.foreign.poll();
        if (next == null) {
          LockSupport.parkNanos(20_000);
        } else if (next != task.continuation) {
          others.add(next);
        } else {
          mountAndRun(task);
          state = task.thread.getState();
          if (state != Thread.State.BLOCKED) {
            return state;
          }
          deadline = System.nanoTime() + MONITOR_SETTLE_NANOS;
        }
      }
    } finally {
      sim.foreign.addAll(others);
    }
    return state;
  }

  private void fire(Timer timer) {
    if (timer.deadline > sim.maxVirtualNanos && !sim.unwinding) {
      sim.fail(new SimulationException("The run passed its virtual time limit of "
          + Duration.ofNanos(sim.maxVirtualNanos) + " before the main task finished."
          + " Fix: raise maxVirtualTime, or make the scenario end sooner.\n"
          + TaskReport.describe(sim.live.values())));
      return;
    }
    if (timer.deadline > sim.now) {
      sim.now = timer.deadline;
      sim.stepsAtLastTimeAdvance = sim.steps;
    }
    timer.fire(); // a JDK timed park too: the agent made its deadline virtual (TimeWarp)
  }

  private void drainForeign() {
    Runnable continuation;
    while ((continuation = sim.foreign.poll()) != null) {
      Task task = register(continuation);
      sim.runQueue.add(task);
      if (!sim.unwinding) {
        sim.fail(new SimulationException("A wake-up came from outside the simulation, for task "
            + task + ". Something woke it from a real thread: a platform thread (new Thread, an"
            + " executor with a default thread factory), the common pool (CompletableFuture."
            + "*Async without an executor, parallel streams), or a synchronized block held across"
            + " a park. Fix: use the injected Daemons for threads and executors, and ReentrantLock"
            + " instead of synchronized around blocking calls."));
      }
    }
  }

  private void startUnwinding() {
    sim.unwinding = true;
    sim.trace.event(sim.now, "unwind " + sim.live.size() + " tasks");
    for (Task task : List.copyOf(sim.live.values())) {
      sim.unwound.add(task.thread);
      task.thread.interrupt();
    }
  }

  void notePoolUse(Task task) {
    if (sim.poolUser == null && CommonPoolWatch.submittedWork(task.thread)) {
      sim.poolUser = task;
    }
  }

  /** A continuation is runnable: from the carrier or a task it joins the queue, else the inbox. */
  void execute(Runnable continuation) {
    Thread caller = Thread.currentThread();
    if (caller != sim.carrier && caller != sim.mounted) {
      sim.foreign.add(continuation);
      return;
    }
    sim.runQueue.add(register(continuation));
  }

  /**
   * The task of {@code continuation}, registered on its first step: its node is the one it was
   * created for, else its parent task's.
   */
  private Task register(Runnable continuation) {
    Task task = sim.tasks.get(continuation);
    if (task != null) {
      return task;
    }
    Task parent = sim.mountedTask;
    Thread thread = SimScheduler.threadOf(continuation);
    NodeId given = thread == null ? null : sim.nodesOfNewThreads.remove(thread);
    NodeId node = given != null ? given : parent == null ? NodeId.NONE : parent.node;
    task = new Task(sim.nextTaskId++, thread, node, continuation);
    task.killed = parent != null && parent.killed && parent.node.equals(node);
    sim.tasks.put(continuation, task);
    sim.live.put(task.id, task);
    sim.trace.event(sim.now, "spawn " + task + (node == NodeId.NONE ? "" : " on " + node.name()));
    return task;
  }
}
