package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a history's events into the operations the checker searches: each invocation paired with
 * its completion. {@code :fail} operations are dropped (they did not happen); {@code :info} and
 * never-completed ones become optional; optional reads are dropped (a read that may not have
 * happened constrains nothing). Operations are then split into the model's partitions.
 */
final class Operations {
  private Operations() {}

  /**
   * The operations of {@code events} grouped by partition, in order of first appearance.
   *
   * @throws IllegalArgumentException naming the event when an operation does not fit the model
   */
  static Map<Object, List<Operation>> partitioned(List<Event> events, Model model) {
    return partitioned(events, model, true);
  }

  /**
   * As above; {@code prune} drops the optional writes nobody observes ({@link
   * #withoutUnobservedWrites}), which the checker always does and an oracle in a test must not.
   */
  static Map<Object, List<Operation>> partitioned(List<Event> events, Model model,
      boolean prune) {
    // Pair first, build after: each operation is made once, with its completion and its place in
    // its partition (a sweep checks a history of thousands of operations for every seed).
    int[] completion = new int[events.size()];
    PendingCalls pending = new PendingCalls();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      if (event.type() == EventType.INVOKE) {
        pending.put(event.process(), i);
        completion[i] = -1;
        continue;
      }
      int invoked = pending.remove(event.process());
      if (invoked < 0) {
        throw new IllegalArgumentException("event " + (i + 1) + " completes an operation of"
            + " process " + event.process() + " that was never invoked");
      }
      completion[invoked] = i;
    }
    Map<Object, List<Operation>> partitions = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      if (event.type() != EventType.INVOKE) {
        continue;
      }
      int done = completion[i];
      EventType outcome = done < 0 ? EventType.INFO : events.get(done).type();
      Operation op = outcome == EventType.OK
          ? new Operation(0, event.process(), event.f(), event.key(), event.value(),
              events.get(done).value(), i, done, false)
          : new Operation(0, event.process(), event.f(), event.key(), event.value(), null, i,
              Long.MAX_VALUE, true);
      String problem = model.validate(op);
      if (problem != null) {
        throw new IllegalArgumentException("event " + (op.call() + 1) + " (process "
            + op.process() + ", " + EdnWriter.function(op.f()) + "): " + problem);
      }
      if (outcome == EventType.FAIL || (op.optional() && model.readOnly(op))) {
        continue;
      }
      List<Operation> ops = partitions.computeIfAbsent(model.partition(op), k -> new ArrayList<>());
      ops.add(ops.isEmpty() ? op : op.withId(ops.size()));
    }
    if (prune) {
      partitions.replaceAll((key, ops) -> renumbered(withoutUnobservedWrites(ops, model)));
    }
    return partitions;
  }

  /**
   * {@code ops} without the optional overwriting operations whose value no operation observes
   * (see {@link Model#overwrites}); all of them when some operation may observe anything.
   */
  static List<Operation> withoutUnobservedWrites(List<Operation> ops, Model model) {
    java.util.Set<Object> observed = new java.util.HashSet<>();
    for (Operation op : ops) {
      if (op.optional() && model.readOnly(op)) {
        continue;
      }
      List<Object> values = model.observes(op);
      if (values == null) {
        return ops;
      }
      for (Object value : values) {
        observed.add(Values.canonical(value)); // -0.0 observes a write of 0.0 (see Values)
      }
    }
    List<Operation> kept = new ArrayList<>(ops.size());
    for (Operation op : ops) {
      if (!op.optional() || !model.overwrites(op) || observed.contains(Values.canonical(op.input()))) {
        kept.add(op);
      }
    }
    return kept;
  }

  /** Renumbers {@code ops} 0..n-1 in order (each operation already in its place is kept). */
  static List<Operation> renumbered(List<Operation> ops) {
    List<Operation> out = new ArrayList<>(ops.size());
    for (Operation op : ops) {
      out.add(op.id() == out.size() ? op : op.withId(out.size()));
    }
    return out;
  }
}
