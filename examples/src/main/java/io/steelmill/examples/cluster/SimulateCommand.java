package io.steelmill.examples.cluster;

import io.steelmill.sim.Trace;
import io.steelmill.sim.history.HistoryFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cluster simulate --nodes N --seeds K [--seed S] [--unfenced] [--bug B] [--trace FILE]
 * [--history FILE]}: runs seeds until one breaks an invariant or its client history is not
 * linearizable (then prints it, its replay command, and exits 1) or all pass.
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

  @Option(names = "--bug", description = "Plant a mistake: none, stale-read, early-ack.")
  String bug = "none";

  @Option(names = "--history",
      description = "Write the client history of --seed (Jepsen EDN) to this file.")
  Path history;

  @Override
  public Integer call() throws IOException {
    if (!"simulation".equals(SteelmillStoreHost.MODE)) {
      System.out.println("cluster simulate runs in the simulation build: ./mvnw -q -Psimulation -pl"
          + " examples -am compile exec:java -Dexec.args=\"cluster simulate --nodes 5 --seeds 100\"");
      return 2;
    }
    StoreSettings.Bug planted = StoreSettings.Bug.named(bug);
    if (planted == null) {
      System.out.println("cluster simulate: unknown --bug \"" + bug
          + "\"; use none, stale-read or early-ack");
      return 2;
    }
    settings = new StoreSettings(!unfenced, planted);
    Duration perSeed = io.steelmill.sim.Durations.parse(virtual);
    return seed != null ? one(seed, perSeed, System.out) : many(perSeed, System.out);
  }

  private StoreSettings settings;

  /** Why a seed failed: the run's own failure, or the history check's verdict. */
  private static String failure(ClusterSimulation.Outcome outcome) {
    if (!outcome.result().succeeded()) {
      return outcome.result().failure().getMessage();
    }
    return "client history " + outcome.check().describe();
  }

  private int one(long chosen, Duration perSeed, PrintStream out) throws IOException {
    Trace.Level level = trace == null ? Trace.Level.TAIL : Trace.Level.FULL;
    ClusterSimulation.Outcome outcome =
        ClusterSimulation.run(chosen, nodes, settings, perSeed, level);
    if (trace != null) {
      Files.write(trace, outcome.result().fullTrace());
    }
    if (history != null) {
      HistoryFormat.write(outcome.history(), history);
    }
    out.println("seed: " + chosen + ", acknowledged writes: " + outcome.acknowledged()
        + ", stale writes rejected: " + outcome.rejected());
    out.println("history: " + outcome.history().size() + " events, " + outcome.check().describe()
        .lines().findFirst().orElse(""));
    out.println("violations: " + (outcome.passed() ? 0 : 1));
    if (!outcome.passed()) {
      out.println("violation: " + failure(outcome));
    }
    out.println("trace sha256: " + outcome.result().traceSha256());
    return outcome.passed() ? 0 : 1;
  }

  private int many(Duration perSeed, PrintStream out) {
    long started = System.nanoTime();
    long acknowledged = 0;
    long rejected = 0;
    long operations = 0;
    for (long s = 1; s <= seeds; s++) {
      ClusterSimulation.Outcome outcome =
          ClusterSimulation.run(s, nodes, settings, perSeed, Trace.Level.TAIL);
      acknowledged += outcome.acknowledged();
      rejected += outcome.rejected();
      operations += outcome.check().operations();
      double rate = s / ((System.nanoTime() - started) / 1e9);
      System.err.printf("\r  seeds: %d/%d  (%.1f seeds/s)  violations: %d", s, seeds, rate,
          outcome.passed() ? 0 : 1);
      if (!outcome.passed()) {
        System.err.println();
        out.println("violations: 1");
        out.println("violation at seed " + s + ": " + failure(outcome));
        out.println("trace sha256: " + outcome.result().traceSha256());
        out.println("replay: ./mvnw -q -Psimulation -pl examples -am compile exec:java"
            + " -Dexec.args=\"cluster simulate --nodes " + nodes + " --seed " + s
            + (unfenced ? " --unfenced" : "") + (bug.equals("none") ? "" : " --bug " + bug)
            + (virtual.equals("20s") ? "" : " --virtual " + virtual) + " --history seed-" + s
            + ".edn\"");
        return 1;
      }
    }
    System.err.println();
    out.println("seeds: " + seeds + ", acknowledged writes: " + acknowledged
        + ", stale writes rejected: " + rejected);
    out.println("histories: " + seeds + " linearizable (" + operations + " operations checked)");
    out.println("violations: 0");
    return 0;
  }
}
