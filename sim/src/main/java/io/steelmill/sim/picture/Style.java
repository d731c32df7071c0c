package io.steelmill.sim.picture;

/** The page's inline style, the SVG's shared definitions, and the legend. */
final class Style {
  private Style() {}

  static final String CSS = """
      body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#222}
      h1{font-size:18px;margin:0 0 6px}h2{font-size:15px}
      pre.failure{background:#fff3f3;border:1px solid #e99;padding:8px;white-space:pre-wrap}
      code{background:#f4f4f4;padding:2px 4px}
      svg.run{border:1px solid #ccc;background:#fff}
      svg text{font:11px sans-serif;fill:#333}
      .axis .tick{stroke:#eee}
      .lane line{stroke:#888;stroke-width:1.5}
      .lane text{font-weight:bold;font-size:13px}
      .message line,.message path{stroke:#3a6ea5;stroke-width:1;fill:none;opacity:.7}
      .message.lost line{stroke:#c33;stroke-dasharray:3 2}
      .message .cross{fill:#c33;font-weight:bold}
      .fault .span{opacity:.28}
      .fault-crash .span{fill:#555}.fault-pause .span{fill:#e0a800}
      .fault-partition .span{fill:#9b59b6;opacity:.15}
      .fault-skew .span,.fault-lease-expiry .span{fill:#e67e22;opacity:.8}
      .fault-buggify .mark{fill:#d35400;stroke:#7a3000}
      .fault-label{font-size:10px;fill:#555}
      .op rect{fill:#cfe3cf;stroke:#6a6}.op-fail rect{fill:#eee;stroke:#aaa}
      .op-info rect,.op-invoke rect{fill:#fdf2d0;stroke:#c90;stroke-dasharray:4 2}
      .op.violation rect{stroke:#d00;stroke-width:2.5}
      .op.violation-stuck rect{fill:#f8c4c4}
      .violation-window{fill:#f00;opacity:.06}
      .section{font-weight:bold}
      table.faults{border-collapse:collapse}
      table.faults td,table.faults th{border:1px solid #ddd;padding:2px 6px;text-align:left}
      tr.left-out{color:#999}
      .legend span{display:inline-block;margin-right:14px}
      .legend i{display:inline-block;width:14px;height:10px;margin-right:4px;vertical-align:middle}
      """;

  static void defs(Svg out) {
    out.raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\""
        + " markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\">"
        + "<path d=\"M0 0 L10 5 L0 10 z\" fill=\"#3a6ea5\"/></marker></defs>");
  }

  static void legend(Svg out) {
    out.open("p", "class", "legend");
    item(out, "#3a6ea5", "message");
    item(out, "#c33", "lost message");
    item(out, "#555", "crash");
    item(out, "#e0a800", "pause");
    item(out, "#9b59b6", "partition");
    item(out, "#e67e22", "clock skew, lease expiry");
    item(out, "#d35400", "BUGGIFY firing");
    item(out, "#cfe3cf", "operation (ok)");
    item(out, "#fdf2d0", "outcome unknown");
    item(out, "#f8c4c4", "cannot be linearized (red outline: the violation)");
    out.close("p");
  }

  private static void item(Svg out, String color, String label) {
    out.open("span").open("i", "style", "background:" + color).close("i").text(label)
        .close("span");
  }
}
