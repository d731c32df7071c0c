package io.steelmill.sim.history;

import java.util.List;
import java.util.Map;

/**
 * The definition of linearizability, executed literally: try every order of the operations that
 * respects real time (an operation may go next unless some unplaced completed operation returned
 * before it was invoked), skipping optional ones at will. Exponential; the oracle for tiny
 * histories in property tests.
 */
final class BruteForce {
  private BruteForce() {}

  static boolean linearizable(Model model, List<Event> events) {
    for (List<Operation> ops : Operations.partitioned(events, model, false).values()) {
      if (!search(model, ops, new boolean[ops.size()], model.initial())) {
        return false;
      }
    }
    return true;
  }

  static boolean linearizable(Model model, Map<Object, List<Operation>> partitions) {
    for (List<Operation> ops : partitions.values()) {
      if (!search(model, ops, new boolean[ops.size()], model.initial())) {
        return false;
      }
    }
    return true;
  }

  private static boolean search(Model model, List<Operation> ops, boolean[] placed,
      Object state) {
    long earliestReturn = Long.MAX_VALUE;
    boolean done = true;
    for (Operation op : ops) {
      if (!placed[op.id()] && !op.optional()) {
        done = false;
        earliestReturn = Math.min(earliestReturn, op.ret());
      }
    }
    if (done) {
      return true;
    }
    for (Operation op : ops) {
      if (placed[op.id()] || op.call() > earliestReturn) {
        continue;
      }
      Object next = model.step(state, op);
      if (next == Model.ILLEGAL) {
        continue;
      }
      placed[op.id()] = true;
      boolean found = search(model, ops, placed, next);
      placed[op.id()] = false;
      if (found) {
        return true;
      }
    }
    return false;
  }
}
