package io.steelmill.examples.cluster;

import io.steelmill.examples.Cli;
import io.steelmill.examples.DurationConverter;
import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.FaultMask;
import io.steelmill.sim.Trace;
import io.steelmill.sim.picture.RunPicture;
import io.steelmill.sim.shrink.ShrinkResult;
import io.steelmill.sim.shrink.FailureKind;
import io.steelmill.sim.shrink.Shrinker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code cluster simulate} does with a failing seed, in the simulation build: replays it
 * with a subset of its faults, shrinks it to the fewest faults that fail it the same way, and
 * draws it. A replay fails "the same way" when it breaks the same thing: the client history, or
 * the run itself with the same kind of error.
 */
final class FailingSeed {
  private final int nodes;
  private final StoreChoice store;
  private final Duration virtual;
  private final FaultOptions options;
  private final String replayPrefix;

  FailingSeed(int nodes, StoreChoice store, Duration virtual, FaultOptions options) {
    this.nodes = nodes;
    this.store = store;
    this.virtual = virtual;
    this.options = options;
    this.replayPrefix = replayPrefix(nodes, store, virtual);
  }

  /**
   * The replay command up to and excluding {@code --seed}: {@code ./mvnw ...
   * -Dexec.args="cluster simulate --nodes N [--store S] [--unfenced] [--bug B] ...}.
   */
  static String replayPrefix(int nodes, StoreChoice store, Duration virtual) {
    return "./mvnw -q -Psimulation -pl examples -am compile exec:java"
        + " -Dexec.args=\"cluster simulate --nodes " + nodes + store.options()
        + (virtual.equals(Duration.ofSeconds(20)) ? ""
            : " --virtual " + DurationConverter.format(virtual));
  }

  /** The fault options of a run: the mask of --faults, --buggify, and a timeline if asked. */
  static FaultLedger.Options options(CommandSpec spec, FaultOptions options, boolean timeline) {
    FaultMask mask = FaultMask.ALL;
    if (options.faults != null) {
      try {
        mask = FaultMask.parse(options.faults);
      } catch (IllegalArgumentException e) {
        throw Cli.mistake(spec, "--faults: " + e.getMessage());
      }
    }
    return new FaultLedger.Options(mask, options.buggify, timeline);
  }

  /**
   * Says what the options asked for that the run of {@code seed} could not do: ids of {@code
   * mask} the seed never injected (a typo, or ids of another seed or build), and a shrink of a
   * seed that passed.
   */
  static void explain(long seed, ClusterSimulation.Outcome outcome, FaultMask mask,
      FaultOptions options, PrintStream out) {
    java.util.Set<String> injected = new java.util.TreeSet<>();
    outcome.faults().faults().forEach(fault -> injected.add(fault.id()));
    List<String> unknown = mask.ids().stream().filter(id -> !injected.contains(id)).toList();
    if (!unknown.isEmpty()) {
      out.println("note: --faults names " + String.join(",", unknown) + ", which seed " + seed
          + " never injected (it injected " + injected.size() + " faults); "
          + (unknown.size() == 1 ? "it was" : "they were") + " ignored");
    }
    if (options.shrink && outcome.passed()) {
      out.println("shrink: seed " + seed + " passed, so there is nothing to shrink (--shrink"
          + " needs a failing seed)");
    }
  }

  /** What broke in {@code outcome}: its run, its history (decided or not), or nothing. */
  static FailureKind kind(ClusterSimulation.Outcome outcome) {
    return FailureKind.of(outcome.result(), outcome.check());
  }

  ClusterSimulation.Outcome replay(long seed, FaultMask mask, boolean timeline) {
    return store.run(seed, nodes, virtual, Trace.Level.TAIL,
        new FaultLedger.Options(mask, options.buggify, timeline));
  }

  /** Shrinks {@code failing} (a failed run of {@code seed}) and prints the result. */
  ShrinkResult shrink(long seed, ClusterSimulation.Outcome failing, PrintStream out) {
    List<String> faults = failing.faults().appliedIds();
    ShrinkResult result = new Shrinker(options.budget)
        .shrink(failing.faults(), kind(failing), mask -> kind(replay(seed, mask, false)));
    out.println("shrunk: " + result.summary());
    if (result.reproduced()) { // else the summary says why nothing was shrunk
      out.println("faults needed: " + result.kept().size() + " of " + faults.size());
      out.println("replay shrunk: " + command(seed, result.faults()));
    }
    return result;
  }

  /** The replay command of {@code seed} with only {@code faults} ("all": every fault). */
  String command(long seed, String faults) {
    return replayPrefix + " --seed " + seed + options.replayOptions()
        + (faults.equals("all") ? "" : " --faults " + faults) + "\"";
  }

  /** Replays {@code seed} with {@code mask}, recording its timeline, and draws it to a file. */
  void draw(long seed, FaultMask mask, Path file, String failure) throws IOException {
    ClusterSimulation.Outcome outcome = replay(seed, mask, true);
    draw(seed, outcome, file, failure, command(seed, mask.toString()));
  }

  /** Draws {@code outcome}, a run recorded with a timeline. */
  static void draw(long seed, ClusterSimulation.Outcome outcome, Path file, String failure,
      String command) throws IOException {
    RunPicture picture = RunPicture.builder()
        .title("cluster simulate --seed " + seed + (outcome.passed() ? "" : ": failed"))
        .seed(seed)
        .failure(failure)
        .command(command)
        .nodes(outcome.hosts())
        .timeline(outcome.faults().timeline())
        .faults(outcome.faults().faults())
        .history(outcome.history(), outcome.check())
        .runEnd(outcome.result().virtualNanos())
        .failureTime(outcome.result().succeeded() ? -1 : outcome.result().virtualNanos())
        .build();
    Cli.writeOutput("the picture", file, () -> picture.write(file));
  }
}
