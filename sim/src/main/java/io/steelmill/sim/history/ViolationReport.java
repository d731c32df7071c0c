package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.List;

/** Formats a {@link Violation} for people: one operation per line, with its event positions. */
final class ViolationReport {
  private static final int MAX_LINES = 40;

  private ViolationReport() {}

  static String format(Model model, Violation v) {
    StringBuilder out = new StringBuilder();
    String where = v.partition() == null ? "" : " on key " + EdnWriter.write(v.partition());
    out.append("  ").append(v.core().size()).append(" operation")
        .append(v.core().size() == 1 ? "" : "s").append(where)
        .append(v.core().size() == 1 ? " that cannot be linearized" : " that cannot be"
            + " linearized together")
        .append(v.minimal() ? ", whatever the others did:"
            : " (not minimized within the time limit):")
        .append('\n');
    appendOps(out, model, v.core(), v.stuck());
    out.append("  cannot place: ").append(line(model, v.stuck())).append('\n');
    List<String> states = new ArrayList<>();
    for (Object state : v.statesTried()) {
      states.add(state instanceof LinearizationSearch.NullState ? "nil" : EdnWriter.write(state));
    }
    out.append("  model states tried for it: ")
        .append(states.isEmpty() ? "(none: it was never reachable)" : String.join(", ", states))
        .append('\n');
    out.append("  longest linearizable order: ");
    List<String> order = new ArrayList<>();
    for (Operation op : v.longest()) {
      order.add(model.describe(op));
    }
    out.append(order.isEmpty() ? "(empty)" : String.join(", ", order));
    return out.toString();
  }

  private static void appendOps(StringBuilder out, Model model, List<Operation> ops,
      Operation stuck) {
    int skip = Math.max(0, ops.size() - MAX_LINES);
    if (skip > 0) {
      out.append("    ... ").append(skip).append(" earlier operations\n");
    }
    for (Operation op : ops.subList(skip, ops.size())) {
      out.append(op.equals(stuck) ? "  > " : "    ").append(line(model, op)).append('\n');
    }
  }

  static String line(Model model, Operation op) {
    String span = "events " + (op.call() + 1) + ".."
        + (op.optional() ? "end" : String.valueOf(op.ret() + 1));
    return "process " + op.process() + ": " + model.describe(op) + "  (" + span + ")";
  }
}
