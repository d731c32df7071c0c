package io.steelmill.sim;

import java.util.Collection;
import java.util.concurrent.locks.LockSupport;

/** Describes tasks for failure reports: node, state, blocker and the top of the stack. */
final class TaskReport {
  private static final int FRAMES = 14;

  private TaskReport() {}

  static String describe(Collection<Task> tasks) {
    StringBuilder text = new StringBuilder();
    text.append(tasks.size()).append(tasks.size() == 1 ? " live task:" : " live tasks:");
    for (Task task : tasks) {
      Thread thread = task.thread;
      text.append("\n  ").append(task)
          .append(task.node.name().isEmpty() ? "" : " (node " + task.node + ")");
      if (thread == null) {
        continue;
      }
      text.append(" ").append(thread.getState());
      Object blocker = LockSupport.getBlocker(thread);
      if (blocker != null) {
        text.append(", blocked on ").append(blocker(blocker));
        Thread owner = LockCycles.ownerOf(blocker);
        if (owner != null) {
          text.append(", held by ").append(taskOf(owner, tasks));
        }
      }
      StackTraceElement[] stack = thread.getStackTrace();
      int shown = 0;
      for (StackTraceElement frame : stack) {
        if (shown++ == FRAMES) {
          text.append("\n        ...");
          break;
        }
        text.append("\n        at ").append(frame);
      }
    }
    return text.toString();
  }

  /** The task of {@code thread} among {@code tasks}, or the thread's name. */
  private static String taskOf(Thread thread, Collection<Task> tasks) {
    for (Task task : tasks) {
      if (task.thread == thread) {
        return task.toString();
      }
    }
    return "thread " + thread.getName() + " (not a task of this run)";
  }

  /**
   * Platform threads started after the carrier (their ids are higher): real threads that escaped
   * the simulation, and are often what a hung task waits for. Empty when there are none.
   */
  static String escapedThreads(long carrierId) {
    StringBuilder text = new StringBuilder();
    // sorted by name: the JVM's map of threads iterates in an order of its own
    var threads = new java.util.TreeMap<String, StackTraceElement[]>();
    for (var entry : Thread.getAllStackTraces().entrySet()) {
      Thread thread = entry.getKey();
      if (thread.threadId() > carrierId && !thread.isVirtual() && thread.isAlive()
          && !isOurs(thread) && !isJdkInternal(thread)) {
        threads.put(thread.getName() + " " + thread.getState(), entry.getValue());
      }
    }
    for (var entry : threads.entrySet()) {
      text.append("\n  ").append(entry.getKey());
      StackTraceElement[] stack = entry.getValue();
      for (int i = 0; i < Math.min(FRAMES, stack.length); i++) {
        text.append("\n        at ").append(stack[i]);
      }
    }
    return text.isEmpty()
        ? ""
        : "\nPlatform threads started during the run escape the simulation (new Thread, an"
            + " executor with a default thread factory, the common pool); use the injected"
            + " Daemons instead:"
            + text;
  }

  /**
   * Platform threads that are not an escape: other simulations' carriers and sweep workers (seeds
   * run side by side), known by their class: a thread of any name may have escaped.
   */
  private static boolean isOurs(Thread thread) {
    return thread instanceof OwnThread;
  }

  /**
   * Threads the JDK starts for itself when first needed (the virtual-thread unblocker, the
   * cleaner, JFR, the attach listener, the process reaper): they live in the system thread group,
   * or have no group once gone. Common-pool workers are not among them: work put there escaped.
   */
  static boolean isJdkInternal(Thread thread) {
    if (thread instanceof java.util.concurrent.ForkJoinWorkerThread) {
      return false;
    }
    ThreadGroup group = thread.getThreadGroup();
    return group == null || group.getParent() == null
        || thread.getClass().getName().startsWith("jdk.internal.")
        || thread.getName().equals("VirtualThread-unblocker");
  }

  /** What a task waits on, as people read it. */
  /**
   * ", which waited on a java.util.concurrent.CountDownLatch at Class.method(File.java:N)": what
   * a task woken from outside was parked on (its blocker, still set until it runs again) and where,
   * so that a lock, latch or condition a real thread let go is named; empty when unknown.
   */
  static String waitedOn(Thread thread) {
    Object blocker = thread == null ? null : java.util.concurrent.locks.LockSupport.getBlocker(
        thread);
    if (blocker == null) {
      return "";
    }
    Class<?> type = blocker.getClass();
    while (type.getEnclosingClass() != null && type.getName().startsWith("java.")) {
      type = type.getEnclosingClass(); // CountDownLatch$Sync: the latch, as the user wrote it
    }
    String at = "";
    for (StackTraceElement frame : thread.getStackTrace()) {
      String name = frame.getClassName();
      if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
        at = " at " + frame;
        break;
      }
    }
    return ", which waited on a " + type.getName() + at;
  }

  static String blocker(Object blocker) {
    return blocker instanceof Simulation ? "simulated sleep" : blocker.toString();
  }
}
