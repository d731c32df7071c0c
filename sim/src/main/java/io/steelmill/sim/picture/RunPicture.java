package io.steelmill.sim.picture;

import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.Timeline;
import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A picture of one run, as a self-contained HTML page: a header (seed, failure, replay
 * commands), an inline SVG drawn by {@link Lanes} over a window of virtual time (around the
 * violation when the history has one, else before the failure), and a table of every fault.
 * Nothing is fetched when it is viewed: no script, no font, no image, no link.
 *
 * <pre>{@code
 * RunPicture.builder().title("cluster simulate --seed 7").seed(7).nodes(hosts)
 *     .timeline(ledger.timeline()).faults(ledger.faults()).history(history, check)
 *     .runEnd(result.virtualNanos()).build().write(Path.of("seed-7.html"));
 * }</pre>
 */
public final class RunPicture {
  /** Applied faults few enough (a shrunk run's) that the window widens to show every one. */
  static final int FEW_FAULTS = 12;
  /** Rows of the fault table at most: a long run drops tens of thousands of messages. */
  static final int MAX_FAULT_ROWS = 5000;

  private final Builder settings;

  private RunPicture(Builder settings) {
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Writes the page to {@code file} (its folder must exist). */
  public void write(Path file) throws IOException {
    Files.writeString(file, html(), StandardCharsets.UTF_8);
  }

  /** The page. */
  public String html() {
    List<ClientOp> ops = settings.history == null ? List.of()
        : ClientOp.of(settings.history, settings.check);
    long[] window = window(ops);
    Svg page = new Svg();
    page.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    page.element("title", settings.title);
    page.raw("<style>").raw(Style.CSS).raw("</style></head><body>");
    page.element("h1", settings.title);
    page.open("p", "class", "summary").text("seed " + settings.seed + ", run of "
        + Lanes.time(settings.runEnd) + ", window " + Lanes.time(window[0]) + " to "
        + Lanes.time(window[1])).close("p");
    if (settings.failure != null) {
      page.element("pre", settings.failure, "class", "failure");
    }
    for (String command : settings.commands) {
      page.open("p", "class", "command").open("code").text(command).close("code").close("p");
    }
    new Lanes(nodes(), window, settings.timeline, settings.faults, ops).draw(page);
    Style.legend(page);
    faultTable(page);
    page.raw("</body></html>\n");
    return page.toString();
  }

  /** The lanes: the given nodes, then any other node the timeline names, in order seen. */
  private List<String> nodes() {
    // a set: a list's contains per message was quadratic in the nodes
    Set<String> nodes = new LinkedHashSet<>(settings.nodes);
    if (settings.timeline != null) {
      for (Timeline.Message message : settings.timeline.messages()) {
        nodes.add(message.from().node());
        nodes.add(message.to().node());
      }
      for (Timeline.Span span : settings.timeline.spans()) {
        nodes.addAll(span.nodes());
      }
    }
    return new ArrayList<>(nodes);
  }

  /**
   * The virtual time shown: around the end of the violation (the operation that cannot be placed
   * and the two core operations that started last before it, which it conflicts with), padded
   * by a quarter of that and at least 100 ms; else the two seconds before the failure; else all.
   * The whole violation stays shaded; a long one would make every arrow unreadable. A run with
   * at most {@link #FEW_FAULTS} applied faults (a shrunk one) is widened to show them all: they
   * are what the failure needs, however early they struck.
   */
  private long[] window(List<ClientOp> ops) {
    List<ClientOp> core = ops.stream().filter(ClientOp::core).toList();
    int from = Math.max(0, core.size() - 3);
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (ClientOp op : core.subList(from, core.size())) {
      start = Math.min(start, op.start());
      end = Math.max(end, op.end() < 0 ? op.start() : op.end());
    }
    if (start == Long.MAX_VALUE && settings.failureTime >= 0) {
      start = settings.failureTime - 2_000_000_000L;
      end = settings.failureTime;
    }
    if (start == Long.MAX_VALUE) {
      return new long[] {0, Math.max(1, settings.runEnd)};
    }
    long pad = Math.max(100_000_000L, (end - start) / 4);
    long first = start - pad;
    List<FaultLedger.Fault> applied =
        settings.faults.stream().filter(FaultLedger.Fault::applied).toList();
    if (applied.size() <= FEW_FAULTS) {
      for (FaultLedger.Fault fault : applied) {
        first = Math.min(first, fault.time() - 20_000_000L);
      }
    }
    return new long[] {Math.max(0, first), Math.max(end + pad, start + 1)};
  }

  private void faultTable(Svg page) {
    page.element("h2", "Faults injected (" + settings.faults.size() + ")");
    page.open("table", "class", "faults").raw("<tr><th>id</th><th>time</th><th>node</th>"
        + "<th>fault</th><th>applied</th></tr>");
    int listed = 0;
    for (FaultLedger.Fault fault : settings.faults) {
      if (listed++ == MAX_FAULT_ROWS) {
        page.open("tr", "class", "note").element("td", (settings.faults.size() - MAX_FAULT_ROWS)
            + " more faults not listed").close("tr");
        break;
      }
      page.open("tr", "id", "fault-" + fault.id(), "class", fault.applied() ? null : "left-out")
          .element("td", fault.id()).element("td", Lanes.time(fault.time()))
          .element("td", fault.node()).element("td", fault.what())
          .element("td", fault.applied() ? "yes" : "left out").close("tr");
    }
    page.close("table");
  }

  /** What to draw. */
  public static final class Builder {
    private String title = "Steelmill simulation run";
    private long seed;
    private String failure;
    private final List<String> commands = new ArrayList<>();
    private List<String> nodes = List.of();
    private Timeline timeline;
    private List<FaultLedger.Fault> faults = List.of();
    private History history;
    private CheckResult check;
    private long runEnd = 1;
    private long failureTime = -1;

    private Builder() {}

    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Why the run failed, shown as written; null when it passed. */
    public Builder failure(String failure) {
      this.failure = failure;
      return this;
    }

    /** A command shown under the title (a replay, a shrunk replay). */
    public Builder command(String command) {
      this.commands.add(Objects.requireNonNull(command, "command"));
      return this;
    }

    /** The lanes, in order; nodes the timeline names besides these follow. */
    public Builder nodes(List<String> nodes) {
      this.nodes = List.copyOf(nodes);
      return this;
    }

    /** The run's messages and fault spans; null draws none. */
    public Builder timeline(Timeline timeline) {
      this.timeline = timeline;
      return this;
    }

    /** Every fault of the run, for the table. */
    public Builder faults(List<FaultLedger.Fault> faults) {
      this.faults = List.copyOf(faults);
      return this;
    }

    /** The client history and its check: bars, and the violation highlighted. */
    public Builder history(History history, CheckResult check) {
      this.history = history;
      this.check = check;
      return this;
    }

    /** The virtual time the run ended at, in nanoseconds. */
    public Builder runEnd(long nanos) {
      this.runEnd = Math.max(1, nanos);
      return this;
    }

    /** When the run failed (a failed invariant), in virtual nanoseconds; -1 for none. */
    public Builder failureTime(long nanos) {
      this.failureTime = nanos;
      return this;
    }

    public RunPicture build() {
      return new RunPicture(this);
    }
  }
}
