package io.steelmill.examples.cluster;

import io.steelmill.examples.DurationConverter;
import io.steelmill.examples.Progress;
import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SeedSweep;
import io.steelmill.sim.Shard;
import io.steelmill.sim.SweepReport;
import io.steelmill.sim.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds {@code 1..seeds} of a store (those of one shard), several at once; results are
 * printed in seed order whatever order they finish in, so the output is the same for any number
 * of jobs. Stops at the first violation, in seed order, unless told to keep going.
 */
final class ClusterSweep {
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

  int run(PrintStream out) {
    Duration perSeed = virtual;
    List<Long> chosen = new ArrayList<>();
    for (long s = 1; s <= seeds; s++) {
      if (shard.contains(s)) {
        chosen.add(s);
      }
    }
    SweepReport report = new SweepReport(shard);
    long started = System.nanoTime();
    Progress progress = new Progress(System.err, chosen.size());
    SeedSweep.run(
        chosen,
        jobs,
        s -> store.run(s, nodes, perSeed, Trace.Level.TAIL, faults),
        outcome -> {
          handed++;
          acknowledged += outcome.acknowledged();
          rejected += outcome.rejected();
          operations += outcome.check().operations();
          long seed = outcome.result().seed();
          report.add(outcome.passed() || !outcome.result().succeeded()
              ? SeedResult.of(suite(), outcome.result(), replay(seed))
              : SeedResult.failed(suite(), outcome.result(), SimulateCommand.failure(outcome),
                  replay(seed)));
          if (!outcome.passed()) {
            violations++;
            printViolation(out, outcome);
          }
          double rate = handed / ((System.nanoTime() - started) / 1e9);
          progress.update(handed, String.format("  seeds: %d/%d  (%.1f seeds/s)  violations: %d",
              handed, chosen.size(), rate, violations));
        },
        outcome -> !outcome.passed() && !keepGoing);
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

  /** What was swept: the options that decide a seed's trace. */
  private String suite() {
    return "cluster simulate --nodes " + nodes + store.options() + virtualOption();
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
