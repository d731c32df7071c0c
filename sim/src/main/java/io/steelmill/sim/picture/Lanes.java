package io.steelmill.sim.picture;

import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.Timeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SVG of a run's window: an axis of virtual time, a lane per node, faults as spans and
 * marks behind, messages as arrows between lanes (a lost one ends in a cross halfway), the
 * client's operations as bars packed into rows below, and the operations that cannot be
 * linearized outlined in red over a shaded band.
 */
final class Lanes {
  static final int LEFT = 150;
  static final int WIDTH = 1600;
  static final int TOP = 40;
  static final int LANE = 56;
  static final int ROW = 20;
  /** Arrows drawn at most; the rest of the window's messages are counted in a note. */
  static final int MAX_ARROWS = 5000;
  /**
   * Operation bars drawn at most, those of the violation always among them; the rest are counted
   * in a note (a bug-free run of 900 virtual seconds has 130,000 operations: 26 MB of page).
   */
  static final int MAX_OPERATIONS = 5000;
  /** Lanes drawn at most (the first nodes given): 200,000 lanes took minutes and 30 MB. */
  static final int MAX_LANES = 1000;
  /** Fault spans drawn at most: a hot BUGGIFY site can fire 200,000 times in a window. */
  static final int MAX_SPANS = 5000;

  private final List<String> nodes;
  /** Each lane's index: {@code indexOf} per arrow and mark was quadratic in the nodes. */
  private final Map<String, Integer> lane = new HashMap<>();
  private final long start;
  private final long end;
  private final int allNodes;
  private final Timeline timeline;
  private final List<FaultLedger.Fault> faults;
  private final List<ClientOp> ops;
  private final int opsNotDrawn;

  Lanes(List<String> nodes, long[] window, Timeline timeline, List<FaultLedger.Fault> faults,
      List<ClientOp> ops) {
    this.nodes = nodes.size() > MAX_LANES ? List.copyOf(nodes.subList(0, MAX_LANES)) : nodes;
    for (int i = 0; i < this.nodes.size(); i++) {
      lane.putIfAbsent(this.nodes.get(i), i);
    }
    this.allNodes = nodes.size();
    this.start = window[0];
    this.end = window[1];
    this.timeline = timeline;
    this.faults = faults;
    List<ClientOp> shown = ops.stream().filter(op -> op.start() <= end && stop(op) >= start)
        .toList();
    long core = shown.stream().filter(ClientOp::core).count();
    long others = Math.max(0, MAX_OPERATIONS - core);
    List<ClientOp> kept = new ArrayList<>();
    for (ClientOp op : shown) {
      if (op.core() || others-- > 0) {
        kept.add(op);
      }
    }
    this.ops = kept;
    this.opsNotDrawn = shown.size() - kept.size();
  }

  /** A virtual time as text: {@code 1.234 s}, {@code 12.5 ms}. */
  static String time(long nanos) {
    if (Math.abs(nanos) >= 1_000_000_000L) {
      return String.format(java.util.Locale.ROOT, "%.3f s", nanos / 1e9);
    }
    return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  private double x(long nanos) {
    long clamped = Math.max(start, Math.min(end, nanos));
    return LEFT + (clamped - start) * (double) WIDTH / (end - start);
  }

  private double laneY(String node) {
    return TOP + lane.getOrDefault(node, 0) * LANE + LANE / 2.0;
  }

  private int lanesNotDrawn() {
    return allNodes - nodes.size();
  }

  private long stop(ClientOp op) {
    return op.end() < 0 ? end : op.end();
  }

  void draw(Svg out) {
    int[] rows = packRows();
    int rowCount = 0;
    for (int row : rows) {
      rowCount = Math.max(rowCount, row + 1);
    }
    double opsTop = TOP + nodes.size() * LANE + 30;
    double height = opsTop + rowCount * ROW + 30;
    out.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", LEFT + WIDTH + 40,
        "height", height, "viewBox", "0 0 " + (LEFT + WIDTH + 40) + " " + Svg.number(height),
        "class", "run");
    Style.defs(out);
    axis(out, height);
    violationBand(out, height);
    int notDrawn = faults(out);
    lanes(out);
    messages(out, notDrawn);
    operations(out, opsTop, rows);
    out.close("svg");
  }

  private void axis(Svg out, double height) {
    out.open("g", "class", "axis");
    for (int i = 0; i <= 10; i++) {
      long t = start + (end - start) * i / 10;
      double x = x(t);
      out.empty("line", "x1", x, "y1", TOP - 8.0, "x2", x, "y2", height - 20, "class", "tick");
      out.element("text", time(t), "x", x, "y", TOP - 12.0, "text-anchor", "middle");
    }
    out.close("g");
  }

  private void violationBand(Svg out, double height) {
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (ClientOp op : ops) {
      if (op.core()) {
        from = Math.min(from, op.start());
        to = Math.max(to, stop(op));
      }
    }
    if (from != Long.MAX_VALUE) {
      out.open("rect", "class", "violation-window", "x", x(from), "y", (double) TOP,
          "width", Math.max(2, x(to) - x(from)), "height", height - TOP - 20);
      out.element("title", "the operations that cannot be linearized: " + time(from) + " to "
          + time(to)).close("rect");
    }
  }

  /** Draws the window's fault spans; returns how many it left out (over budget, no lane). */
  private int faults(Svg out) {
    out.open("g", "class", "faults");
    int drawn = 0;
    int left = 0;
    for (Timeline.Span span : timeline == null ? List.<Timeline.Span>of() : timeline.spans()) {
      if (span.end() >= start && span.start() <= end) {
        List<String> struck = span.nodes().isEmpty() ? nodes
            : span.nodes().stream().filter(lane::containsKey).toList();
        if (drawn < MAX_SPANS && !struck.isEmpty()) {
          drawn++;
          fault(out, span, struck);
        } else {
          left++;
        }
      }
    }
    out.close("g");
    return left;
  }

  private void fault(Svg out, Timeline.Span span, List<String> struck) {
    String title = span.faultId() + ": " + span.what() + " at " + time(span.start())
        + (span.end() > span.start() ? " until " + time(span.end()) : "");
    out.open("g", "class", "fault fault-" + span.type(), "data-fault-id", span.faultId(),
        "data-type", span.type(), "data-nodes", String.join(" ", struck));
    out.element("title", title);
    double x1 = x(span.start());
    double width = Math.max(3, x(span.end()) - x1);
    for (String node : struck) {
      double y = laneY(node);
      if (span.type().equals("buggify")) {
        out.empty("polygon", "points", Svg.number(x1) + "," + Svg.number(y - 9) + " "
            + Svg.number(x1 + 6) + "," + Svg.number(y) + " " + Svg.number(x1) + ","
            + Svg.number(y + 9) + " " + Svg.number(x1 - 6) + "," + Svg.number(y),
            "class", "mark");
      } else {
        out.empty("rect", "x", x1, "y", y - LANE / 2.0 + 4, "width", width,
            "height", LANE - 8.0, "class", "span");
      }
    }
    out.element("text", span.faultId() + " " + span.type(), "x", x1 + 2,
        "y", laneY(struck.get(0)) - LANE / 2.0 + 14, "class", "fault-label");
    out.close("g");
  }

  private void lanes(Svg out) {
    for (String node : nodes) {
      double y = laneY(node);
      out.open("g", "class", "lane", "data-node", node);
      out.empty("line", "x1", (double) LEFT, "y1", y, "x2", (double) LEFT + WIDTH, "y2", y);
      out.element("text", node.isEmpty() ? "(main)" : node, "x", 10.0, "y", y + 4);
      out.close("g");
    }
  }

  private void messages(Svg out, int faultsNotDrawn) {
    out.open("g", "class", "messages");
    int drawn = 0;
    int skipped = 0;
    List<Timeline.Message> all = timeline == null ? List.of() : timeline.messages();
    for (Timeline.Message message : all) {
      long arrival = message.delivered() >= 0 ? message.delivered() : message.sent();
      if (arrival < start || message.sent() > end) {
        continue;
      }
      if (drawn == MAX_ARROWS || !lane.containsKey(message.from().node())
          || !lane.containsKey(message.to().node())) {
        skipped++;
        continue;
      }
      drawn++;
      arrow(out, message);
    }
    out.close("g");
    List<String> left = new ArrayList<>();
    int lanesLeft = lanesNotDrawn();
    for (String part : new String[] {lanesLeft + " more nodes", faultsNotDrawn + " more faults",
        skipped + " more messages"}) {
      if (!part.startsWith("0 ")) {
        left.add(part);
      }
    }
    if (!left.isEmpty()) {
      out.element("text", String.join(", ", left) + " in this window not drawn", "x",
          (double) LEFT, "y", TOP + nodes.size() * LANE + 14.0, "class", "note");
    }
  }

  private void arrow(Svg out, Timeline.Message message) {
    String from = message.from().node();
    String to = message.to().node();
    boolean lost = message.delivered() < 0;
    double x1 = x(message.sent());
    double y1 = laneY(from);
    double x2 = lost ? x1 + 12 : x(message.delivered());
    double y2 = lost ? (y1 + laneY(to)) / 2 + (from.equals(to) ? -10 : 0) : laneY(to);
    String kind = "message" + (lost ? " lost" : "");
    out.open("g", "class", kind, "data-from", from, "data-to", to);
    out.element("title", message.from() + " -> " + message.to() + ": " + message.text()
        + " (sent " + time(message.sent()) + ", "
        + (lost ? message.lost() : "delivered " + time(message.delivered())) + ")");
    if (from.equals(to) && !lost) {
      double mid = (x1 + x2) / 2;
      out.empty("path", "d", "M" + Svg.number(x1) + " " + Svg.number(y1) + " Q"
          + Svg.number(mid) + " " + Svg.number(y1 - 16) + " " + Svg.number(x2) + " "
          + Svg.number(y2), "marker-end", "url(#arrow)");
    } else {
      out.empty("line", "x1", x1, "y1", y1, "x2", x2, "y2", y2,
          "marker-end", lost ? null : "url(#arrow)");
    }
    if (lost) {
      out.element("text", "\u00d7", "x", x2, "y", y2 + 4, "class", "cross",
          "text-anchor", "middle");
    }
    out.close("g");
  }

  /** Assigns each operation the first row free at its start. */
  private int[] packRows() {
    int[] rows = new int[ops.size()];
    List<Long> rowEnds = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      ClientOp op = ops.get(i);
      int row = 0;
      while (row < rowEnds.size() && rowEnds.get(row) >= op.start()) {
        row++;
      }
      if (row == rowEnds.size()) {
        rowEnds.add(stop(op));
      } else {
        rowEnds.set(row, stop(op));
      }
      rows[i] = row;
    }
    return rows;
  }

  private void operations(Svg out, double top, int[] rows) {
    out.open("g", "class", "operations");
    out.element("text", "client operations", "x", 10.0, "y", top + 14, "class", "section");
    if (opsNotDrawn > 0) {
      out.element("text", opsNotDrawn + " more operations in this window not drawn", "x",
          (double) LEFT, "y", top + 14, "class", "note");
    }
    for (int i = 0; i < ops.size(); i++) {
      ClientOp op = ops.get(i);
      String outcome = op.outcome().name().toLowerCase(java.util.Locale.ROOT);
      String kind = "op op-" + outcome + (op.core() ? " violation" : "")
          + (op.stuck() ? " violation-stuck" : "");
      double x1 = x(op.start());
      double width = Math.max(2, x(stop(op)) - x1);
      double y = top + rows[i] * ROW;
      out.open("g", "class", kind, "data-process", op.process(), "data-call", op.call());
      out.element("title", "process " + op.process() + ": " + op.label() + " (" + time(op.start())
          + " to " + (op.end() < 0 ? "never completed" : time(op.end())) + ")"
          + (op.stuck() ? ": cannot be linearized" : op.core() ? ": part of the violation" : ""));
      out.empty("rect", "x", x1, "y", y + 2, "width", width, "height", ROW - 4.0);
      if (width > 60 || op.core()) {
        out.element("text", op.label(), "x", x1 + 3, "y", y + ROW - 6.0);
      }
      out.close("g");
    }
    out.close("g");
  }
}
