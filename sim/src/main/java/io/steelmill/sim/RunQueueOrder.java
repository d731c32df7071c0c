package io.steelmill.sim;

import java.util.ArrayList;
import java.util.Comparator;

/**
 * Keeps the run queue independent of the order in which one step woke tasks. A step may wake
 * several tasks in an order the JVM picks, not the seed: JDK code interrupts the threads of a
 * hash set ({@code ThreadPerTaskExecutor.shutdownNow}), user code unparks the threads of a
 * {@code HashSet} (identity hash codes differ from run to run and JVM to JVM). The queue is a set
 * the scheduler picks from by index, so the tasks one step added are sorted by task id: the
 * same set of wake-ups then gives the same queue, whatever their order.
 */
final class RunQueueOrder {
  private static final Comparator<Task> BY_ID = Comparator.comparingInt(task -> task.id);

  private RunQueueOrder() {}

  /** Sorts the tasks added to {@code runQueue} since it had {@code sizeBefore} entries. */
  static void canonical(ArrayList<Task> runQueue, int sizeBefore) {
    if (runQueue.size() - sizeBefore > 1) {
      runQueue.subList(sizeBefore, runQueue.size()).sort(BY_ID);
    }
  }
}
