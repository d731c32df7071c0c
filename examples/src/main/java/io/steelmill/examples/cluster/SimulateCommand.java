package io.steelmill.examples.cluster;

import io.steelmill.sim.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cluster simulate --nodes N --seeds K [--seed S] [--unfenced] [--trace FILE] [--jobs J]
 * [--shard I/N] [--report-dir DIR] [--keep-going]}: runs seeds, several at once, until one breaks
 * an invariant (then prints it, its replay command, and exits 1) or all pass.
 */
@Command(name = "simulate", description = "Run the store under simulation, seed after seed.")
public final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--nodes", description = "Hosts (default 5).")
  int nodes = 5;

  @Option(names = "--seeds", description = "How many seeds, 1..K (default 100).")
  int seeds = 100;

  @Option(names = "--seed", description = "Run this one seed and print its trace hash.")
  Long seed;

  @Option(names = "--unfenced", description = "The storage ignores fencing tokens.")
  boolean unfenced;

  @Option(names = "--virtual", description = "Virtual time per seed (default 20s).")
  String virtual = "20s";

  @Option(names = "--trace", description = "Write the full trace of --seed to this file.")
  Path trace;

  @Option(names = "--jobs", description = "Seeds run at once (default: the available cores).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--shard", description = "Run only shard I/N: the seeds s with s mod N = I.")
  String shard;

  @Option(names = "--report-dir", description = "Write results.json, failing-seeds.json and"
      + " junit.xml here (merge shards with merge-results).")
  Path reportDir;

  @Option(names = "--keep-going", description = "Run every seed, reporting each violation,"
      + " instead of stopping at the first.")
  boolean keepGoing;

  @Override
  public Integer call() throws IOException {
    if (!"simulation".equals(SteelmillStoreHost.MODE)) {
      System.out.println("cluster simulate runs in the simulation build: ./mvnw -q -Psimulation -pl"
          + " examples -am compile exec:java -Dexec.args=\"cluster simulate --nodes 5 --seeds 100\"");
      return 2;
    }
    Duration perSeed = io.steelmill.sim.Durations.parse(virtual);
    if (seed != null) {
      return one(seed, perSeed, System.out);
    }
    io.steelmill.sim.Shard part;
    try {
      part = shard == null ? io.steelmill.sim.Shard.ALL : io.steelmill.sim.Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      System.err.println("--shard: " + e.getMessage());
      return 2;
    }
    if (jobs < 1 || jobs > 1024) {
      System.err.println("--jobs must be between 1 and 1024, not " + jobs);
      return 2;
    }
    return new ClusterSweep(nodes, seeds, unfenced, virtual, jobs, part, keepGoing, reportDir)
        .run(System.out);
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
}
