package io.steelmill.sim;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Names the task of another simulation in this JVM (a sweep's {@code --jobs N}, simulations on
 * several test threads) that holds the monitor a task of this run blocked on: a static object
 * both runs' code locks, held across a park by the other run's task. Such a monitor is outside
 * this run, so its step waits for the release ({@link MonitorSteps}); that wait is harmless while
 * the other run goes on and lets go, but it can never end when the other run has ended with the
 * monitor held (its carrier abandoned) or waits in turn for a monitor a task of this run holds (a
 * deadlock across runs). Both are failures at once, naming both tasks and both seeds, instead of a
 * wait of {@link MonitorSteps#OUTSIDE_SETTLE_NANOS} and a report that names no owner.
 *
 * <p>The other runs' tasks are found among the JVM's virtual threads (the root thread container,
 * which tracks them unless {@code -Djdk.trackAllThreads=false}); a task of a run is a virtual
 * thread whose scheduler is that run's {@link SimScheduler}. Only the tasks of a run that ended
 * or that waits in a step itself are looked at, and only after a step waited a second: taking a
 * snapshot of a task whose monitor hand-off is in flight moved it out of its step. Without those
 * internals nothing is named and the step waits as before.
 */
final class OtherRunsMonitors {
  private static final Method ROOT;
  private static final Method THREADS;
  /** How many runs a chain of waits across runs is followed through before it is given up. */
  private static final int MAX_CHAIN = 64;

  static {
    Method root = null;
    Method threads = null;
    try {
      LockCycles.ownerOf(null); // opens jdk.internal.vm to the kernel
      Class<?> containers = Class.forName("jdk.internal.vm.ThreadContainers");
      root = containers.getDeclaredMethod("root");
      root.setAccessible(true);
      threads = Class.forName("jdk.internal.vm.ThreadContainer").getDeclaredMethod("threads");
      threads.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      root = null; // another JDK: no names, the step waits as before
    }
    ROOT = root;
    THREADS = threads;
  }

  /** A task of another run holding the monitor a task of this run waits for. */
  record Holder(Thread thread, RunState run, StackTraceElement lockedAt) {
    String describe() {
      return "task \"" + thread.getName() + "\" of another simulation in this JVM (seed "
          + run.seed + ")" + (lockedAt == null ? "" : ", which took it at " + lockedAt);
    }
  }

  private OtherRunsMonitors() {}

  /** The task of another run that holds the monitor {@code blocked} waits for, or null. */
  static Holder holder(Task blocked, RunState run) {
    Object monitor = HeldMonitors.blockedOn(blocked.thread);
    if (monitor == null || ROOT == null) {
      return null;
    }
    try {
      @SuppressWarnings("unchecked")
      Stream<Thread> all = (Stream<Thread>) THREADS.invoke(ROOT.invoke(null));
      Iterator<Thread> threads = all.iterator();
      while (threads.hasNext()) {
        Thread thread = threads.next();
        RunState other = thread.isVirtual() ? runOf(thread) : null;
        // only a run that ended or waits itself: a snapshot must not meet a hand-off in flight
        if (other != null && other != run && (other.over || other.settling)) {
          StackTraceElement at = HeldMonitors.lockedAt(thread, monitor);
          if (at != null) {
            return new Holder(thread, other, at);
          }
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /**
   * Why the wait of {@code blocked} for {@code holder} can never end, as the run's failure; null
   * while the holder's run may still let go.
   */
  static SimulationException hopeless(Task blocked, RunState run, Holder holder) {
    String head = Escapes.MARK + "Task " + blocked + " (seed " + run.seed + ") blocked entering"
        + " synchronized " + HeldMonitors.site(blocked.thread) + " at virtual time "
        + Duration.ofNanos(run.now) + " on a monitor that " + holder.describe() + " holds while"
        + " parked";
    String fix = " A monitor of shared (static) state held across a wait ties runs of one JVM"
        + " together: whether and when this run goes on depends on the other's timing. Fix: do"
        + " not wait while holding a monitor of static state (keep a node's state in its own"
        + " objects, use a ReentrantLock around code that waits), or run the seeds in separate"
        + " JVMs.";
    if (holder.run.over) {
      return new SimulationException(head + ", but that simulation has ended without"
          + " releasing it: it is never released." + fix);
    }
    RunState next = holder.run;
    for (int hop = 0; hop < MAX_CHAIN && next != null; hop++) {
      Holder further = next.waitingFor;
      if (further == null) {
        return null;
      }
      if (further.run == run) {
        return new SimulationException(head + ", and that simulation waits in turn for a"
            + " monitor that task \"" + further.thread.getName() + "\" of this one holds: a"
            + " deadlock across simulations, which neither can end." + fix);
      }
      next = further.run;
    }
    return null;
  }

  private static RunState runOf(Thread thread) {
    return VirtualThreadStates.schedulerOf(thread) instanceof SimScheduler scheduler
        ? scheduler.run() : null;
  }
}
