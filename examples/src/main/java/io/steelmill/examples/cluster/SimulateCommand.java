package io.steelmill.examples.cluster;

import io.steelmill.examples.Cli;
import io.steelmill.examples.DurationConverter;
import io.steelmill.examples.Progress;
import io.steelmill.sim.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster simulate --nodes N --seeds K [--seed S] [--unfenced] [--trace FILE]}: runs seeds
 * until one breaks an invariant (then prints it, its replay command, and exits 1) or all pass.
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
  int nodes = 5;

  @Option(names = "--seeds", paramLabel = "K",
      description = "How many seeds, 1..K, K from 1 to " + MAX_SEEDS + " (default 100).")
  int seeds = 100;

  @Option(names = "--seed", paramLabel = "S",
      description = "Run this one seed and print its trace hash.")
  Long seed;

  @Option(names = "--unfenced", description = "The storage ignores fencing tokens.")
  boolean unfenced;

  @Option(names = "--virtual", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Virtual time per seed, 1s to 1h (default 20s).")
  Duration virtual = Duration.ofSeconds(20);

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Write the full trace of --seed to this file (its folder must exist).")
  Path trace;

  @Override
  public Integer call() throws IOException {
    Cli.range(spec, "--nodes", nodes, 1, MAX_NODES);
    Cli.range(spec, "--seeds", seeds, 1, MAX_SEEDS);
    if (virtual.compareTo(MIN_VIRTUAL) < 0 || virtual.compareTo(MAX_VIRTUAL) > 0) {
      throw Cli.mistake(spec, "--virtual must be between 1s and 1h, not " + virtual);
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
    if (!"simulation".equals(SteelmillStoreHost.MODE)) {
      return Cli.wrongBuild(spec, "cluster simulate runs in the simulation build: ./mvnw -q"
          + " -Psimulation -pl examples -am compile exec:java"
          + " -Dexec.args=\"cluster simulate --nodes 5 --seeds 100\"");
    }
    Duration perSeed = virtual;
    return seed != null ? one(seed, perSeed, System.out) : many(perSeed, System.out);
  }

  private int one(long chosen, Duration perSeed, PrintStream out) throws IOException {
    Trace.Level level = trace == null ? Trace.Level.TAIL : Trace.Level.FULL;
    ClusterSimulation.Outcome outcome = ClusterSimulation.run(chosen, nodes, !unfenced, perSeed, level);
    if (trace != null) {
      Files.write(trace, outcome.result().fullTrace());
    }
    out.println("seed: " + chosen + ", acknowledged writes: " + outcome.acknowledged()
        + ", stale writes rejected: " + outcome.rejected());
    out.println("violations: " + (outcome.result().succeeded() ? 0 : 1));
    if (!outcome.result().succeeded()) {
      out.println("violation: " + outcome.result().failure().getMessage());
    }
    out.println("trace sha256: " + outcome.result().traceSha256());
    return outcome.result().succeeded() ? 0 : 1;
  }

  private int many(Duration perSeed, PrintStream out) {
    long started = System.nanoTime();
    Progress progress = new Progress(System.err, seeds);
    long acknowledged = 0;
    long rejected = 0;
    for (long s = 1; s <= seeds; s++) {
      ClusterSimulation.Outcome outcome = ClusterSimulation.run(s, nodes, !unfenced, perSeed, Trace.Level.TAIL);
      acknowledged += outcome.acknowledged();
      rejected += outcome.rejected();
      double rate = s / ((System.nanoTime() - started) / 1e9);
      progress.update(s, String.format("  seeds: %d/%d  (%.1f seeds/s)  violations: %d", s, seeds,
          rate, outcome.result().succeeded() ? 0 : 1));
      if (!outcome.result().succeeded()) {
        progress.finish();
        out.println("violations: 1");
        out.println("violation at seed " + s + ": " + outcome.result().failure().getMessage());
        out.println("trace sha256: " + outcome.result().traceSha256());
        out.println("replay: ./mvnw -q -Psimulation -pl examples -am compile exec:java"
            + " -Dexec.args=\"cluster simulate --nodes " + nodes + " --seed " + s
            + (unfenced ? " --unfenced" : "")
            + (virtual.equals(Duration.ofSeconds(20)) ? "" : " --virtual " + virtual)
            + "\"");
        return 1;
      }
    }
    progress.finish();
    out.println("seeds: " + seeds + ", acknowledged writes: " + acknowledged
        + ", stale writes rejected: " + rejected);
    out.println("violations: 0");
    return 0;
  }
}
