package io.steelmill.examples.cluster;

import io.steelmill.examples.Cli;
import io.steelmill.examples.DurationConverter;
import io.steelmill.examples.Progress;
import io.steelmill.examples.SweepOptions;
import io.steelmill.examples.WholeRange;
import io.steelmill.sim.Trace;
import io.steelmill.sim.history.HistoryFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster simulate --nodes N --seeds K [--seed S] [--store fenced|replicated] [--unfenced]
 * [--bug B] [--trace FILE] [--history FILE] [--jobs J] [--processes] [--shard I/N]
 * [--report-dir DIR] [--keep-going]}: runs seeds, several at once (threads, or worker JVMs),
 * until one breaks an invariant or its client history is not linearizable (then prints it, its
 * replay command, and exits 1) or all pass.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Run the store under simulation, seed after seed.")
public final class SimulateCommand implements Callable<Integer> {
  static final int MAX_NODES = 32;
  static final int MAX_SEEDS = 1_000_000;
  static final Duration MIN_VIRTUAL = Duration.ofSeconds(1);
  static final Duration MAX_VIRTUAL = Duration.ofHours(1);

  @Spec CommandSpec spec;

  @Option(names = "--nodes", paramLabel = "N",
      description = "Hosts, 1 to " + MAX_NODES + " (default 5).")
  @WholeRange(min = 1, max = MAX_NODES)
  int nodes = 5;

  @Option(names = "--seeds", paramLabel = "K",
      description = "How many seeds, 1..K, K from 1 to " + MAX_SEEDS + " (default 100).")
  @WholeRange(min = 1, max = MAX_SEEDS)
  int seeds = 100;

  @Option(names = "--seed", paramLabel = "S",
      description = "Run this one seed and print its trace hash.")
  @WholeRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE)
  Long seed;

  @Option(names = "--unfenced", description = "The storage ignores fencing tokens.")
  boolean unfenced;

  @Option(names = "--virtual", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Virtual time per seed, 1s to 1h (default 20s).")
  Duration virtual = Duration.ofSeconds(20);

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Write the full trace of --seed to this file (its folder must exist).")
  Path trace;

  @Mixin SweepOptions sweep;

  @Mixin FaultOptions faultOptions;

  @Option(names = "--processes", description = "Run the --jobs as worker JVMs (this java, its"
      + " options and class path) instead of threads of this JVM: for long sweeps, where the"
      + " workers' start-up is paid back. Needs a java -cp command line, not exec:java.")
  boolean processes;

  /** Set by a sweep in processes on the command lines of its workers: run part I/N, print lines. */
  @Option(names = "--worker", hidden = true, paramLabel = "I/N")
  String worker;

  @Option(names = "--keep-going", description = "Run every seed, reporting each violation,"
      + " instead of stopping at the first.")
  boolean keepGoing;

  @Option(names = "--store", paramLabel = "STORE",
      description = "Which store: fenced (default; one storage behind a fence) or replicated"
          + " (primary-backup replicas on the lease).")
  String store = "fenced";

  @Option(names = "--bug", paramLabel = "BUG", description = "Plant a mistake: none, stale-read,"
      + " early-ack (both stores), stale-term (--store replicated).")
  String bug = "none";

  @Option(names = "--transport", paramLabel = "T",
      description = "How the store's parts talk: tcp (the Network interface, default) or grpc"
          + " (gRPC-java services and stubs).")
  String transport = "tcp";

  @Option(names = "--history",
      description = "Write the client history of --seed (Jepsen EDN) to this file.")
  Path history;

  @Override
  public Integer call() throws IOException {
    if (virtual.compareTo(MIN_VIRTUAL) < 0 || virtual.compareTo(MAX_VIRTUAL) > 0) {
      throw Cli.mistake(spec, "--virtual must be between 1s and 1h, not " + DurationConverter.format(virtual));
    }
    if (seed != null && spec.commandLine().getParseResult().hasMatchedOption("--seeds")) {
      throw Cli.mistake(spec, "--seed runs one seed and --seeds many: give only one of them");
    }
    if (trace != null && seed == null) {
      throw Cli.mistake(spec, "--trace writes the trace of one seed: add --seed S");
    }
    if (trace != null) {
      Cli.writableFile(spec, "--trace", trace);
    }
    sweep.validate(spec, seed == null, "drop --seed");
    if (keepGoing && seed != null) {
      throw Cli.mistake(spec, "--keep-going runs a sweep past its first violation: drop --seed");
    }
    if (processes && seed != null) {
      throw Cli.mistake(spec, "--processes runs a sweep's jobs in worker JVMs: drop --seed");
    }
    faultOptions.validate(spec, seed != null);
    try {
      choice = StoreChoice.of(store, unfenced, bug, transport);
    } catch (IllegalArgumentException e) {
      throw Cli.mistake(spec, e.getMessage());
    }
    if (history != null && seed == null) {
      throw Cli.mistake(spec, "--history writes the history of one seed: add --seed S");
    }
    if (history != null) {
      Cli.writableFile(spec, "--history", history);
    }
    if (!"simulation".equals(SteelmillStoreHost.MODE)) {
      return Cli.wrongBuild(spec, "cluster simulate runs in the simulation build: ./mvnw -q"
          + " -Psimulation -pl examples -am compile exec:java"
          + " -Dexec.args=\"cluster simulate --nodes 5 --seeds 100\"");
    }
    // the simulator's classes are loaded only in the simulation build
    if (processes && worker == null) {
      try {
        io.steelmill.sim.WorkerJvm.command(io.steelmill.examples.Main.class, List.of());
      } catch (IllegalStateException e) {
        throw Cli.mistake(spec, "--processes: " + e.getMessage());
      }
    }
    io.steelmill.sim.Shard part;
    try {
      part = sweep.shard() == null
          ? io.steelmill.sim.Shard.ALL
          : io.steelmill.sim.Shard.parse(sweep.shard());
    } catch (IllegalArgumentException e) {
      throw Cli.mistake(spec, "--shard: " + e.getMessage());
    }
    if (seed != null) {
      return one(seed, virtual, System.out);
    }
    ClusterSweep sweeper = new ClusterSweep(nodes, seeds, choice, virtual, sweep.jobs(), part,
        keepGoing, sweep.reportDir(), faultOptions,
        FailingSeed.options(spec, faultOptions, false));
    if (worker != null) {
      try {
        sweeper.asWorker(io.steelmill.sim.Shard.parse(worker));
      } catch (IllegalArgumentException e) {
        throw Cli.mistake(spec, "--worker: " + e.getMessage());
      }
    } else if (processes) {
      sweeper.inProcesses(spec.root().commandLine().getParseResult().originalArgs());
    }
    return sweeper.run(System.out);
  }

  private StoreChoice choice;

  /** Why a seed failed: the run's own failure, or the history check's verdict. */
  static String failure(ClusterSimulation.Outcome outcome) {
    if (!outcome.result().succeeded()) {
      return outcome.result().failure().getMessage();
    }
    return "client history " + outcome.check().describe();
  }

  private int one(long chosen, Duration perSeed, PrintStream out) throws IOException {
    Trace.Level level = trace == null ? Trace.Level.TAIL : Trace.Level.FULL;
    var faults = FailingSeed.options(spec, faultOptions, faultOptions.picture != null);
    ClusterSimulation.Outcome outcome = choice.run(chosen, nodes, perSeed, level, faults);
    if (trace != null) {
      Cli.writeOutput("--trace", trace, () -> Files.write(trace, outcome.result().fullTrace()));
    }
    if (history != null) {
      Cli.writeOutput("--history", history, () -> HistoryFormat.write(outcome.history(), history));
    }
    out.println("seed: " + chosen + ", acknowledged writes: " + outcome.acknowledged()
        + ", " + choice.rejectedLabel() + ": " + outcome.rejected());
    out.println("history: " + outcome.history().size() + " events, " + outcome.check().describe()
        .lines().findFirst().orElse(""));
    out.println("violations: " + (outcome.passed() ? 0 : 1));
    if (!outcome.passed()) {
      out.println("violation: " + failure(outcome));
    }
    out.println("trace sha256: " + outcome.result().traceSha256());
    FailingSeed failing = new FailingSeed(nodes, choice, perSeed, faultOptions);
    out.println("faults: " + outcome.faults().applied() + " injected"
        + (outcome.faults().suppressed() == 0 ? ""
            : ", " + outcome.faults().suppressed() + " left out by --faults"));
    if (faultOptions.picture != null) {
      FailingSeed.draw(chosen, outcome, faultOptions.picture,
          outcome.passed() ? null : failure(outcome),
          failing.command(chosen, faults.mask().toString()));
      out.println("picture: " + faultOptions.picture);
    }
    FailingSeed.explain(chosen, outcome, faults.mask(), faultOptions, out);
    if (!outcome.passed() && faultOptions.shrink) {
      failing.shrink(chosen, outcome, out);
    }
    return outcome.passed() ? 0 : 1;
  }
}
