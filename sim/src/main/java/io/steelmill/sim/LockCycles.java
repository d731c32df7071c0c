package io.steelmill.sim;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds a cycle of tasks waiting on each other's locks the moment it forms, rather than when
 * nothing at all can run: a pending timer (a heartbeat) keeps a simulation busy, so two
 * deadlocked tasks would otherwise be found only at the virtual time limit. A cycle can only
 * close when a task blocks, so the kernel asks after each step whose task ended waiting for a
 * lock: {@code java.util.concurrent} locks through their owner thread (any {@link
 * AbstractOwnableSynchronizer}: {@code ReentrantLock}, a write lock, a user's own), {@code
 * synchronized} monitors through the JDK's thread snapshot, which names the monitor a thread
 * waits to enter and the monitors it holds. The walk follows the one lock each task waits for,
 * from the task that just blocked, so the report is the same in every run of a seed.
 */
final class LockCycles {
  private static final int FRAMES = 14;
  private static final Field OWNER;
  private static final Method SNAPSHOT_OF;
  private static final Method BLOCKED_ON;
  private static final Method OWNED_AT;

  static {
    Field owner = null;
    Method snapshotOf = null;
    Method blockedOn = null;
    Method ownedAt = null;
    try {
      // java.lang is open to the simulation (it needs it anyway): through it, open the two
      // packages whose private state names lock owners
      Method addOpens = Module.class.getDeclaredMethod("implAddOpens", String.class, Module.class);
      addOpens.setAccessible(true);
      Module base = Object.class.getModule();
      Module self = LockCycles.class.getModule();
      addOpens.invoke(base, "java.util.concurrent.locks", self);
      addOpens.invoke(base, "jdk.internal.vm", self);
      owner = AbstractOwnableSynchronizer.class.getDeclaredField("exclusiveOwnerThread");
      owner.setAccessible(true);
      Class<?> snapshot = Class.forName("jdk.internal.vm.ThreadSnapshot");
      snapshotOf = snapshot.getDeclaredMethod("of", Thread.class);
      snapshotOf.setAccessible(true);
      blockedOn = snapshot.getDeclaredMethod("blockedOn");
      blockedOn.setAccessible(true);
      ownedAt = snapshot.getDeclaredMethod("ownedMonitorsAt", int.class);
      ownedAt.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // a JDK without these internals: cycles are still reported when the run goes quiet
    }
    OWNER = owner;
    SNAPSHOT_OF = snapshotOf;
    BLOCKED_ON = blockedOn;
    OWNED_AT = ownedAt;
  }

  /** One edge of the wait-for graph: a task waits for {@code lock}, which {@code owner} holds. */
  private record Wait(Task task, Object lock, boolean monitor, Task owner, Thread ownerThread) {}

  private final Collection<Task> live;
  private final Trace names;
  private Map<Thread, Task> byThread;
  private final Map<Task, Object> snapshots = new IdentityHashMap<>();

  private LockCycles(Collection<Task> live, Trace names) {
    this.live = live;
    this.names = names;
  }

  /** The thread holding {@code lock} exclusively, if it is such a lock and held; else null. */
  static Thread ownerOf(Object lock) {
    return OWNER != null && lock instanceof AbstractOwnableSynchronizer
        ? (Thread) read(OWNER, lock) : null;
  }

  /**
   * The thread outside {@code run} that holds the {@code java.util.concurrent} lock {@code
   * blocked} parked on (a logger's {@code ReentrantLock} a test thread holds), or null: no such
   * lock, free, or held by a thread of the run.
   */
  static Thread ownerOutside(Task blocked, RunState run) {
    if (OWNER == null) {
      return null;
    }
    Object blocker = LockSupport.getBlocker(blocked.thread);
    if (!(blocker instanceof AbstractOwnableSynchronizer)) {
      return null;
    }
    Thread owner = (Thread) read(OWNER, blocker);
    if (owner == null || owner == blocked.thread || !owner.isAlive() || owner == run.carrier
        || owner.isVirtual() && VirtualThreadStates.scheduledBy(owner, run.scheduler)) {
      return null;
    }
    return owner;
  }

  /**
   * Whether {@code blocked} parked on a {@code ReentrantLock} that nobody holds, first in its
   * queue: a thread outside let it go and is on its way to unpark it ({@code unlock} clears the
   * owner before it signals the first waiter). A thread of the run cannot be in that window while
   * the task's step ends. A task behind another waiter is not: under a fair lock it parks behind
   * a task of the run that was signalled and has not run yet, whose turn only the run can give.
   */
  static boolean letGoOutside(Task blocked) {
    if (OWNER == null) {
      return false;
    }
    Object blocker = LockSupport.getBlocker(blocked.thread);
    return blocker instanceof AbstractQueuedSynchronizer queue
        && blocker.getClass().getEnclosingClass() == java.util.concurrent.locks.ReentrantLock.class
        && read(OWNER, blocker) == null
        && queue.getFirstQueuedThread() == blocked.thread;
  }

  /** Whether detection works on this JDK (the self-test of the internals it reads). */
  static boolean available() {
    return OWNER != null && SNAPSHOT_OF != null;
  }

  /**
   * The report of the lock cycle {@code blocked} closed by blocking in {@code state}, or null
   * when it closed none.
   *
   * @param live every live task, in task id order
   * @param names the run's trace, which gives locks and monitors stable names
   */
  static String closedBy(
      Task blocked, Thread.State state, Collection<Task> live, Trace names) {
    if (state == Thread.State.WAITING) {
      // the common case, kept cheap: most waits are not for a lock
      if (OWNER == null
          || !(LockSupport.getBlocker(blocked.thread) instanceof AbstractOwnableSynchronizer)) {
        return null;
      }
    } else if (state != Thread.State.BLOCKED || SNAPSHOT_OF == null
        || !JvmtiTransitions.SNAPSHOTS_SAFE) {
      return null;
    }
    return new LockCycles(live, names).from(blocked);
  }

  private String from(Task start) {
    List<Wait> cycle = new ArrayList<>();
    Task current = start;
    while (cycle.size() <= live.size()) {
      Wait wait = waitOf(current);
      if (wait != null && wait.owner == null && wait.ownerThread != null
          && wait.ownerThread.getState() == Thread.State.TERMINATED) {
        return abandoned(cycle, wait);
      }
      if (wait == null || wait.owner == null) {
        return null;
      }
      cycle.add(wait);
      if (wait.owner == start) {
        return report(cycle);
      }
      for (Wait seen : cycle) {
        if (seen.task == wait.owner) {
          return null; // a cycle start is not part of: reported when it formed
        }
      }
      current = wait.owner;
    }
    return null;
  }

  /** The lock {@code task} waits for and the task that holds it; null if it waits for none. */
  private Wait waitOf(Task task) {
    Thread.State state = task.thread.getState();
    if (state == Thread.State.WAITING) {
      Object blocker = LockSupport.getBlocker(task.thread);
      if (!(blocker instanceof AbstractOwnableSynchronizer)) {
        return null;
      }
      Thread owner = (Thread) read(OWNER, blocker);
      return new Wait(task, blocker, false, owner == null ? null : tasks().get(owner), owner);
    }
    if (state != Thread.State.BLOCKED) {
      return null;
    }
    Object monitor = call(BLOCKED_ON, snapshot(task));
    if (monitor == null) {
      return null;
    }
    for (Task candidate : live) {
      if (candidate != task && holds(candidate, monitor)) {
        return new Wait(task, monitor, true, candidate, candidate.thread);
      }
    }
    return new Wait(task, monitor, true, null, null);
  }

  private boolean holds(Task task, Object monitor) {
    Object snapshot = snapshot(task);
    if (snapshot == null) {
      return false;
    }
    int depth = task.thread.getStackTrace().length;
    for (int frame = 0; frame <= depth; frame++) {
      Object owned = call(OWNED_AT, snapshot, frame);
      if (owned instanceof java.util.stream.Stream<?> stream
          && stream.anyMatch(held -> held == monitor)) {
        return true;
      }
    }
    return false;
  }

  private String report(List<Wait> cycle) {
    StringBuilder text = new StringBuilder("Deadlock: ").append(cycle.size())
        .append(cycle.size() == 1
            ? " task waits for a lock it holds itself"
            : " tasks wait on each other's locks")
        .append(", found when the cycle formed (other tasks and timers may still be pending):");
    for (int i = 0; i < cycle.size(); i++) {
      Wait wait = cycle.get(i);
      Wait before = cycle.get((i + cycle.size() - 1) % cycle.size());
      text.append("\n  ").append(wait.task)
          .append(wait.task.node.name().isEmpty() ? "" : " (node " + wait.task.node + ")")
          .append("\n    holds ").append(describe(before))
          .append("\n    wants ").append(describe(wait)).append(", held by ").append(wait.owner);
      StackTraceElement[] stack = wait.task.thread.getStackTrace();
      for (int frame = 0; frame < Math.min(FRAMES, stack.length); frame++) {
        text.append("\n        at ").append(stack[frame]);
      }
    }
    return text.append("\nFix: take the locks in one order in every task (or never wait for")
        .append(" one lock while holding another).").toString();
  }

  /**
   * A lock whose owner ended without releasing it: no one can ever release it, so every task in
   * the chain waits forever, whatever timers are pending.
   */
  private String abandoned(List<Wait> chain, Wait last) {
    List<Wait> waits = new ArrayList<>(chain);
    waits.add(last);
    StringBuilder text = new StringBuilder("Deadlock: ").append(describe(last))
        .append(" is held by thread ").append(last.ownerThread.getName())
        .append(", which ended without releasing it; ").append(waits.size())
        .append(waits.size() == 1 ? " task waits" : " tasks wait").append(" for it forever:");
    for (Wait wait : waits) {
      text.append("\n  ").append(wait.task)
          .append(wait.task.node.name().isEmpty() ? "" : " (node " + wait.task.node + ")")
          .append("\n    wants ").append(describe(wait)).append(", held by ")
          .append(wait.owner == null ? "thread " + wait.ownerThread.getName() : wait.owner);
      StackTraceElement[] stack = wait.task.thread.getStackTrace();
      for (int frame = 0; frame < Math.min(FRAMES, stack.length); frame++) {
        text.append("\n        at ").append(stack[frame]);
      }
    }
    return text.append("\nFix: release every lock in a finally block (lock(); try { ... }")
        .append(" finally { unlock(); }).").toString();
  }

  private String describe(Wait wait) {
    return names.nameOf(wait.lock) + (wait.monitor ? " (synchronized monitor)" : "");
  }

  private Map<Thread, Task> tasks() {
    if (byThread == null) {
      byThread = new IdentityHashMap<>();
      for (Task task : live) {
        byThread.put(task.thread, task);
      }
    }
    return byThread;
  }

  private Object snapshot(Task task) {
    return JvmtiTransitions.SNAPSHOTS_SAFE
        ? snapshots.computeIfAbsent(task, t -> call(SNAPSHOT_OF, null, t.thread)) : null;
  }

  private static Object read(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  private static Object call(Method method, Object target, Object... args) {
    if (method == null || (target == null && args.length == 0)) {
      return null;
    }
    try {
      return method.invoke(target, args);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
