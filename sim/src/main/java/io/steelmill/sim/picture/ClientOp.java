package io.steelmill.sim.picture;

import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.Event;
import io.steelmill.sim.history.EventType;
import io.steelmill.sim.history.History;
import io.steelmill.sim.history.Operation;
import io.steelmill.sim.history.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client operation as a bar: invoked at {@code start}, completed at {@code end} (-1 when it
 * never completed), with its outcome; {@code core} when the checker found it in the part of the
 * history that cannot be linearized, {@code stuck} when it is the operation no order could place.
 *
 * @param call the position of its invocation in the history (as the checker numbers events)
 */
record ClientOp(int call, long process, String f, Object key, Object input, Object output,
    EventType outcome, long start, long end, boolean core, boolean stuck) {

  /** A label such as {@code put k1 v3: ok} or {@code get k2: v1}. */
  String label() {
    String args = (key == null ? "" : " " + key) + (input == null ? "" : " " + input);
    String result = switch (outcome) {
      case OK -> f.equals("get") || f.equals("read") ? String.valueOf(output) : "ok";
      case FAIL -> "fail";
      case INFO -> "unknown";
      case INVOKE -> "pending";
    };
    return f + args + ": " + ("".equals(result) ? "\"\"" : result);
  }

  /** The operations of {@code history}, marked with the check's violation, in call order. */
  static List<ClientOp> of(History history, CheckResult check) {
    Set<Long> core = new HashSet<>();
    long stuck = -1;
    Violation violation = check == null ? null : check.violation();
    if (violation != null) {
      for (Operation op : violation.core()) {
        core.add(op.call());
      }
      if (violation.stuck() != null) {
        stuck = violation.stuck().call();
        core.add(stuck);
      }
    }
    List<Event> events = history.events();
    Map<Long, Integer> pending = new HashMap<>();
    List<ClientOp> ops = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      if (event.type() == EventType.INVOKE) {
        pending.put(event.process(), ops.size());
        ops.add(new ClientOp(i, event.process(), event.f(), event.key(), event.value(), null,
            EventType.INVOKE, event.time(), -1, core.contains((long) i), stuck == i));
        continue;
      }
      Integer index = pending.remove(event.process());
      if (index != null) {
        ClientOp op = ops.get(index);
        ops.set(index, new ClientOp(op.call, op.process, op.f, op.key, op.input, event.value(),
            event.type(), op.start, event.time(), op.core, op.stuck));
      }
    }
    return ops;
  }
}
