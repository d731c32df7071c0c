package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.HashMap;
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
    Map<Long, Integer> pendingByProcess = new HashMap<>();
    List<Operation> all = new ArrayList<>();
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      if (event.type() == EventType.INVOKE) {
        pendingByProcess.put(event.process(), all.size());
        all.add(new Operation(all.size(), event.process(), event.f(), event.key(),
            event.value(), null, i, Long.MAX_VALUE, true));
        failed.add(false);
        continue;
      }
      Integer index = pendingByProcess.remove(event.process());
      if (index == null) {
        throw new IllegalArgumentException("event " + (i + 1) + " completes an operation of"
            + " process " + event.process() + " that was never invoked");
      }
      Operation invoked = all.get(index);
      switch (event.type()) {
        case OK -> all.set(index, new Operation(index, invoked.process(), invoked.f(),
            invoked.key(), invoked.input(), event.value(), invoked.call(), i, false));
        case FAIL -> failed.set(index, true);
        default -> { }
      }
    }
    Map<Object, List<Operation>> partitions = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      Operation op = all.get(i);
      String problem = model.validate(op);
      if (problem != null) {
        throw new IllegalArgumentException("event " + (op.call() + 1) + " (process "
            + op.process() + ", :" + op.f() + "): " + problem);
      }
      if (failed.get(i) || (op.optional() && model.readOnly(op))) {
        continue;
      }
      partitions.computeIfAbsent(model.partition(op), k -> new ArrayList<>()).add(op);
    }
    partitions.replaceAll((key, ops) ->
        renumbered(prune ? withoutUnobservedWrites(ops, model) : ops));
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
      observed.addAll(values);
    }
    List<Operation> kept = new ArrayList<>(ops.size());
    for (Operation op : ops) {
      if (!op.optional() || !model.overwrites(op) || observed.contains(op.input())) {
        kept.add(op);
      }
    }
    return kept;
  }

  /** Renumbers {@code ops} 0..n-1 in order. */
  static List<Operation> renumbered(List<Operation> ops) {
    List<Operation> out = new ArrayList<>(ops.size());
    for (Operation op : ops) {
      out.add(op.withId(out.size()));
    }
    return out;
  }
}
