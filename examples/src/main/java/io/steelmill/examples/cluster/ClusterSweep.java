package io.steelmill.examples.cluster;

import io.steelmill.examples.DurationConverter;
import io.steelmill.examples.Main;
import io.steelmill.examples.Progress;
import io.steelmill.sim.SeedLine;
import io.steelmill.sim.SeedProcesses;
import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SeedSweep;
import io.steelmill.sim.Shard;
import io.steelmill.sim.SweepReport;
import io.steelmill.sim.Trace;
import io.steelmill.sim.WorkerJvm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Seeds {@code 1..seeds} of a store (those of one shard), several at once; results are
 * printed in seed order whatever order they finish in, so the output is the same for any number
 * of jobs. Stops at the first violation, in seed order, unless told to keep going.
 */
final class ClusterSweep {
  /**
   * How long a worker JVM may report nothing while one of its seeds is due: its start (the
   * simulation agent, class loading) and one seed, with room for a long --virtual and a loaded
   * machine; a seed's own watchdog ends a stuck simulation long before.
   */
  static final Duration WORKER_QUIET = Duration.ofMinutes(10);

  private final int nodes;
  private final int seeds;
  private final StoreChoice store;
  private final Duration virtual;
  private final int jobs;
  private final Shard shard;
  private final boolean keepGoing;
  private final Path reportDir;
  private final FaultOptions faultOptions;
  private final io.steelmill.sim.FaultLedger.Options faults;
  private long acknowledged;
  private long rejected;
  private long operations;
  private int handed;
  private int violations;
  private List<String> commandLine;
  private Shard worker;
  private SweepReport report;
  private long started;
  private Progress progress;

  ClusterSweep(int nodes, int seeds, StoreChoice store, Duration virtual, int jobs, Shard shard,
      boolean keepGoing, Path reportDir, FaultOptions faultOptions,
      io.steelmill.sim.FaultLedger.Options faults) {
    this.faultOptions = faultOptions;
    this.faults = faults;
    this.nodes = nodes;
    this.seeds = seeds;
    this.store = store;
    this.virtual = virtual;
    this.jobs = jobs;
    this.shard = shard;
    this.keepGoing = keepGoing;
    this.reportDir = reportDir;
  }

  /**
   * Runs the seeds in worker JVMs started with {@code commandLine} (this command's arguments)
   * instead of threads of this JVM ({@link SeedProcesses}).
   */
  ClusterSweep inProcesses(List<String> commandLine) {
    this.commandLine = List.copyOf(commandLine);
    return this;
  }

  /** Makes this the worker {@code part} of a sweep in processes: it prints result lines only. */
  ClusterSweep asWorker(Shard part) {
    this.worker = part;
    return this;
  }

  int run(PrintStream out) {
    List<Long> chosen = new ArrayList<>();
    for (long s = 1; s <= seeds; s++) {
      if (shard.contains(s)) {
        chosen.add(s);
      }
    }
    if (worker != null) {
      return runWorker(SeedLine.part(chosen, worker), out);
    }
    report = new SweepReport(shard, suite() + " --seeds " + seeds).planned(chosen.size());
    started = System.nanoTime();
    progress = new Progress(System.err, chosen.size());
    if (commandLine == null) {
      SeedSweep.run(chosen, jobs, this::runSeed,
          outcome -> take(out, chosen.size(), line(outcome), () -> outcome),
          outcome -> !outcome.passed() && !keepGoing);
    } else {
      SeedProcesses.run(chosen, jobs, this::workerCommand, WORKER_QUIET,
          new CheckedHere(), line -> line,
          line -> take(out, chosen.size(), line, () -> again(line)),
          line -> !line.result().passed() && !keepGoing);
    }
    progress.finish();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.err.printf("  %d seeds in %.2f s with %d jobs: %.2f seeds/s%n", handed, seconds, jobs,
        handed / seconds);
    if (reportDir != null) {
      try {
        report.write(reportDir);
      } catch (IOException e) {
        System.err.println("--report-dir: cannot write the report into " + reportDir + ": " + e);
        return 2;
      }
    }
    if (violations == 0 || keepGoing) {
      out.println("seeds: " + handed + (shard.isAll() ? "" : " (shard " + shard + ")")
          + ", acknowledged writes: " + acknowledged + ", " + store.rejectedLabel() + ": "
          + rejected);
      out.println("histories: " + (handed - violations) + " linearizable (" + operations
          + " operations checked)");
      out.println("violations: " + violations);
    }
    if (violations == 0 && faultOptions.shrink) {
      out.println("shrink: no seed failed, so there is nothing to shrink");
    }
    return violations == 0 ? 0 : 1;
  }

  private ClusterSimulation.Outcome runSeed(long seed) {
    return store.run(seed, nodes, virtual, Trace.Level.TAIL, faults);
  }

  /** One seed's result, in the order of the seeds, from this JVM's thread or a worker. */
  private void take(PrintStream out, int total, SeedLine line,
      Supplier<ClusterSimulation.Outcome> outcome) {
    handed++;
    acknowledged += line.count("acknowledged");
    rejected += line.count("rejected");
    operations += line.count("operations");
    report.add(line.result());
    if (!line.result().passed()) {
      violations++;
      printViolation(out, outcome.get());
    }
    double rate = handed / ((System.nanoTime() - started) / 1e9);
    progress.update(handed, String.format("  seeds: %d/%d  (%.1f seeds/s)  violations: %d",
        handed, total, rate, violations));
  }

  /** What a report and the totals need of a seed's outcome, as a worker sends it. */
  private SeedLine line(ClusterSimulation.Outcome outcome) {
    long seed = outcome.result().seed();
    SeedResult result = outcome.passed() || !outcome.result().succeeded()
        ? SeedResult.of(suite(), outcome.result(), replay(seed))
        : SeedResult.failed(suite(), outcome.result(), SimulateCommand.failure(outcome),
            replay(seed));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("acknowledged", outcome.acknowledged());
    counts.put("rejected", outcome.rejected());
    counts.put("operations", (long) outcome.check().operations());
    // what the run did, for the report of a replay that differs (ReplayMismatch)
    counts.put("steps", outcome.result().steps());
    counts.put("events", outcome.result().events());
    counts.put("virtualNanos", outcome.result().virtualNanos());
    return new SeedLine(result, counts);
  }

  /**
   * A seed a worker found failing, run again here for the violation's details (its history, a
   * shrink): a seed gives the same trace in any JVM, and a different one is a determinism bug.
   */
  private ClusterSimulation.Outcome again(SeedLine line) {
    // a full trace (the same hash): if this run parts from the worker's, the report says where
    ClusterSimulation.Outcome outcome =
        store.run(line.result().seed(), nodes, virtual, Trace.Level.FULL, faults);
    if (!outcome.result().traceSha256().equals(line.result().traceSha256())) {
      throw mismatch().of(line, outcome);
    }
    return outcome;
  }

  /**
   * A worker's passing seed run again here ({@link SeedProcesses}' sample), with a full trace
   * (the same hash): if it parts from the worker's, the report says where ({@link
   * ReplayMismatch}).
   */
  private final class CheckedHere implements SeedProcesses.LocalRun {
    private ClusterSimulation.Outcome last;

    @Override
    public String traceSha256(long seed) {
      last = store.run(seed, nodes, virtual, Trace.Level.FULL, faults);
      return last.result().traceSha256();
    }

    @Override
    public String whyDiffers(SeedLine worker) {
      return last == null ? "" : mismatch().details(worker, last);
    }
  }

  private ReplayMismatch mismatch() {
    return new ReplayMismatch(ReplayMismatch.inFreshJvm(seedOptions()), traceFolder());
  }

  /** The options of {@code cluster simulate} that decide a seed's trace, as arguments. */
  private List<String> seedOptions() {
    List<String> options = new ArrayList<>(List.of("--nodes", Integer.toString(nodes),
        "--virtual", DurationConverter.format(virtual)));
    for (String option : (store.options() + faultOptions.replayOptions()).strip().split(" +")) {
      if (!option.isEmpty()) {
        options.add(option);
      }
    }
    return options;
  }

  /** Where a mismatch's two full traces are kept: the report folder, else a temporary one. */
  private Path traceFolder() {
    try {
      return reportDir != null ? reportDir : Files.createTempDirectory("steelmill-mismatch");
    } catch (IOException e) {
      return Path.of(System.getProperty("java.io.tmpdir"));
    }
  }

  /** As a worker: each seed of its part, one result line each, flushed as it ends. */
  private int runWorker(List<Long> mine, PrintStream out) {
    PrintStream lines = new PrintStream(out, false, StandardCharsets.UTF_8);
    for (long seed : mine) {
      lines.println(line(runSeed(seed)).encode());
      lines.flush();
    }
    return 0;
  }

  /** A worker's command: this JVM's java, options and class path, this command line. */
  private List<String> workerCommand(Shard part) {
    List<String> arguments = new ArrayList<>(commandLine);
    arguments.add("--worker");
    arguments.add(part.toString());
    return WorkerJvm.command(Main.class, arguments);
  }

  private void printViolation(PrintStream out, ClusterSimulation.Outcome outcome) {
    if (!keepGoing) {
      out.println("violations: 1");
    }
    long s = outcome.result().seed();
    out.println("violation at seed " + s + ": " + SimulateCommand.failure(outcome));
    out.println("trace sha256: " + outcome.result().traceSha256());
    out.println("replay: " + replay(s));
    SweepFailure.handle(s, outcome, new FailingSeed(nodes, store, virtual, faultOptions),
        faultOptions.shrink, reportDir, out);
  }

  /** What was swept: the options that decide a seed's trace (--buggify included). */
  private String suite() {
    return "cluster simulate --nodes " + nodes + store.options() + virtualOption()
        + faultOptions.replayOptions();
  }

  /** The --virtual option as typed again, or nothing for the default. */
  private String virtualOption() {
    return virtual.equals(Duration.ofSeconds(20)) ? ""
        : " --virtual " + DurationConverter.format(virtual);
  }

  private String replay(long s) {
    return "./mvnw -q -Psimulation -pl examples -am compile exec:java"
        + " -Dexec.args=\"cluster simulate --nodes " + nodes + " --seed " + s + store.options()
        + virtualOption() + faultOptions.replayOptions() + " --history seed-" + s + ".edn\"";
  }
}
