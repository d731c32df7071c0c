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

  /**
   * Platform threads started after the carrier (their ids are higher): real threads that escaped
   * the simulation, and are often what a hung task waits for. Empty when there are none.
   */
  static String escapedThreads(long carrierId) {
    StringBuilder text = new StringBuilder();
    for (var entry : Thread.getAllStackTraces().entrySet()) {
      Thread thread = entry.getKey();
      if (thread.threadId() > carrierId && !thread.isVirtual() && thread.isAlive()
          && !isOurs(thread)) {
        text.append("\n  ").append(thread.getName()).append(" ").append(thread.getState());
        StackTraceElement[] stack = entry.getValue();
        for (int i = 0; i < Math.min(FRAMES, stack.length); i++) {
          text.append("\n        at ").append(stack[i]);
        }
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
   * run side by side) and the JDK's own unblocker, which it starts on first use.
   */
  private static boolean isOurs(Thread thread) {
    String name = thread.getName();
    return name.startsWith("steelmill-sim-carrier-")
        || name.startsWith("steelmill-sweep-")
        || name.equals("VirtualThread-unblocker");
  }

  /** What a task waits on, as people read it. */
  static String blocker(Object blocker) {
    return blocker instanceof Simulation ? "simulated sleep" : blocker.toString();
  }
}
