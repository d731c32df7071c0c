package io.steelmill.sim;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collection;

/**
 * Names the task that holds the monitor another task blocked on. In a simulation only one task
 * runs at a time, so a task can block entering {@code synchronized} only if the monitor's owner
 * parked inside it ({@code synchronized} held across a park) or is a thread outside the
 * simulation. The first is an escape: the JVM would hand the monitor over through its own
 * platform thread, at a real-time moment. It is reported when the second task blocks, which is
 * the same step, at the same virtual time, every run.
 *
 * <p>The owner comes from the JVM's thread snapshot ({@code jdk.internal.vm.ThreadSnapshot},
 * which the simulation agent opens to the kernel); where that is unavailable, the monitor is
 * reported after the kernel waited in vain for an outside owner to release it.
 */
final class HeldMonitors {
  private static final Method SNAPSHOT;
  private static final Method BLOCKED_ON;
  private static final Method STACK;
  private static final Method OWNED_AT;

  static {
    Method[] methods = new Method[4];
    try {
      Class<?> type = Class.forName("jdk.internal.vm.ThreadSnapshot");
      methods[0] = type.getDeclaredMethod("of", Thread.class);
      methods[1] = type.getDeclaredMethod("blockedOn");
      methods[2] = type.getDeclaredMethod("stackTrace");
      methods[3] = type.getDeclaredMethod("ownedMonitorsAt", int.class);
      for (Method method : methods) {
        method.setAccessible(true);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      methods = new Method[4]; // not opened (no agent) or another JDK: fall back
    }
    SNAPSHOT = methods[0];
    BLOCKED_ON = methods[1];
    STACK = methods[2];
    OWNED_AT = methods[3];
  }

  private HeldMonitors() {}

  /**
   * The escape when {@code blocked} waits for a monitor that another task of {@code live} holds,
   * else null (the owner is outside the simulation, or unknown).
   */
  static SimulationException heldByTask(Task blocked, Collection<Task> live, long now) {
    if (SNAPSHOT == null || !JvmtiTransitions.SNAPSHOTS_SAFE) {
      return null;
    }
    try {
      Object snapshot = SNAPSHOT.invoke(null, blocked.thread);
      Object monitor = snapshot == null ? null : BLOCKED_ON.invoke(snapshot);
      if (monitor == null) {
        return null;
      }
      for (Task owner : live) {
        if (owner == blocked) {
          continue;
        }
        StackTraceElement where = lockedAt(owner, monitor);
        if (where != null) {
          return new SimulationException(Escapes.MARK + "Task " + blocked + " blocked entering"
              + " synchronized on a " + monitor.getClass().getName() + " "
              + at((StackTraceElement[]) STACK.invoke(snapshot)) + " at virtual time "
              + Duration.ofNanos(now) + ", which task " + owner + " holds (it took it at "
              + where + ", then parked or yielded inside): the JVM hands a contended monitor"
              + " over through its own platform thread, outside the simulation's schedule."
              + " Fix: use a ReentrantLock around code that waits, or release the monitor"
              + " before waiting.");
        }
      }
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether the monitor {@code blocked} waits for is known to be held outside the simulation: the
   * thread snapshot names it, and no other task of {@code live} holds it. Then only a thread
   * outside can release it, and the wait for it, however long on a loaded machine, changes
   * nothing in the run; false when the snapshot cannot say.
   */
  static boolean heldOutside(Task blocked, Collection<Task> live) {
    if (SNAPSHOT == null || !JvmtiTransitions.SNAPSHOTS_SAFE) {
      return false;
    }
    try {
      Object snapshot = SNAPSHOT.invoke(null, blocked.thread);
      Object monitor = snapshot == null ? null : BLOCKED_ON.invoke(snapshot);
      if (monitor == null) {
        return false;
      }
      for (Task owner : live) {
        if (owner != blocked && lockedAt(owner, monitor) != null) {
          return false;
        }
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** The escape when a monitor stayed held for the whole settle wait: its owner is unknown. */
  static SimulationException heldTooLong(Task blocked, long now, Duration waited,
      OtherRunsMonitors.Holder holder) {
    String who = holder != null ? holder.describe() + " holds it while parked"
        : "a task holds it while parked (synchronized held across a park), or a thread outside"
            + " the simulation does";
    return new SimulationException(Escapes.MARK + "Task " + blocked
        + " blocked entering synchronized " + at(blocked.thread.getStackTrace())
        + " at virtual time " + Duration.ofNanos(now)
        + ", and the monitor was not released within " + waited + " of real time: " + who
        + ". Fix: use a ReentrantLock around code that waits.");
  }

  /** The monitor {@code thread} is blocked entering, from its snapshot; null if none or unknown. */
  static Object blockedOn(Thread thread) {
    if (SNAPSHOT == null || !JvmtiTransitions.SNAPSHOTS_SAFE) {
      return null;
    }
    try {
      Object snapshot = SNAPSHOT.invoke(null, thread);
      return snapshot == null ? null : BLOCKED_ON.invoke(snapshot);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** "at Class.method(File.java:N)" where {@code thread} is now, outside the JDK. */
  static String site(Thread thread) {
    return at(thread.getStackTrace());
  }

  private static StackTraceElement lockedAt(Task owner, Object monitor) throws
      ReflectiveOperationException {
    return lockedAt(owner.thread, monitor);
  }

  /** The frame of {@code owner} that took {@code monitor}, or null if it does not hold it. */
  static StackTraceElement lockedAt(Thread owner, Object monitor) throws
      ReflectiveOperationException {
    Object snapshot = SNAPSHOT.invoke(null, owner);
    if (snapshot == null) {
      return null;
    }
    StackTraceElement[] stack = (StackTraceElement[]) STACK.invoke(snapshot);
    for (int depth = 0; depth < stack.length; depth++) {
      java.util.stream.Stream<?> locked =
          (java.util.stream.Stream<?>) OWNED_AT.invoke(snapshot, depth);
      if (locked.anyMatch(object -> object == monitor)) {
        return stack[depth];
      }
    }
    return null;
  }

  /** "at Class.method(File.java:N)": the innermost frame outside the JDK. */
  private static String at(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      String type = frame.getClassName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return "at " + frame;
      }
    }
    return stack.length == 0 ? "" : "at " + stack[0];
  }
}
