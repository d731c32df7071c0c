package io.steelmill.examples.pingpong;

import io.steelmill.examples.Cli;
import io.steelmill.examples.DurationConverter;
import io.steelmill.examples.SweepOptions;
import io.steelmill.examples.WholeRange;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pingpong --nodes N --virtual 30m --seed S}: the simulated cluster, its figures. */
@Command(
    name = "pingpong",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description = "Nodes ping each other over the simulated network, with faults (simulation build).")
public final class PingPongCommand implements Callable<Integer> {
  static final int MAX_NODES = 64;
  static final int MAX_SEEDS = 1_000_000;
  static final Duration MIN_VIRTUAL = Duration.ofSeconds(1);
  static final Duration MAX_VIRTUAL = Duration.ofHours(24);

  @Spec CommandSpec spec;

  @Option(names = "--nodes", paramLabel = "N",
      description = "How many nodes, 2 to " + MAX_NODES + " (default 5).")
  @WholeRange(min = 2, max = MAX_NODES)
  int nodes = 5;

  @Option(names = "--virtual", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Virtual time to run, 1s to 24h: 30m, 90s, 1h (default 30m).")
  Duration virtual = Duration.ofMinutes(30);

  @Option(names = "--seed", description = "The seed (default 42).")
  @WholeRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE)
  long seed = 42;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "Unmeasured runs of the same seed first, 0 to 100, so the figures are at"
          + " steady state rather than include JIT compilation (default 0).")
  @WholeRange(min = 0, max = 100)
  int warmup = 0;

  @Option(names = "--seeds", paramLabel = "K", description = "Sweep seeds 1..K instead of one"
      + " seed, a line each; K from 1 to " + MAX_SEEDS + ".")
  @WholeRange(min = 1, max = MAX_SEEDS)
  Integer seeds;

  @Mixin SweepOptions sweep;

  @Override
  public Integer call() {
    if (virtual.compareTo(MIN_VIRTUAL) < 0 || virtual.compareTo(MAX_VIRTUAL) > 0) {
      throw Cli.mistake(spec, "--virtual must be between 1s and 24h, not " + DurationConverter.format(virtual));
    }
    sweep.validate(spec, seeds != null, "add --seeds K");
    picocli.CommandLine.ParseResult given = spec.commandLine().getParseResult();
    if (seeds != null && given.hasMatchedOption("--seed")) {
      throw Cli.mistake(spec, "--seed runs one seed and --seeds many: give only one of them");
    }
    if (seeds != null && given.hasMatchedOption("--warmup")) {
      throw Cli.mistake(spec, "--warmup measures one seed at steady state: drop it or --seeds");
    }
    if (!"simulation".equals(SteelmillPingPong.MODE)) {
      return Cli.wrongBuild(spec, "pingpong runs in the simulation build: ./mvnw -q -Psimulation"
          + " -pl examples -am compile exec:java"
          + " -Dexec.args=\"pingpong --nodes 5 --virtual 30m --seed 42\"");
    }
    if (seeds != null) {
      return sweep();
    }
    for (int i = 0; i < warmup; i++) {
      PingPongRun.run(seed, nodes, virtual);
    }
    PingPongRun.Figures figures = PingPongRun.run(seed, nodes, virtual);
    System.out.println(figures.render());
    return figures.failure() == null ? 0 : 1;
  }

  /**
   * The sweep; no signature here names a simulator class, so that picocli's reflection over this
   * command loads none in the production build.
   */
  private int sweep() {
    io.steelmill.sim.Shard part;
    try {
      part = sweep.shard() == null
          ? io.steelmill.sim.Shard.ALL
          : io.steelmill.sim.Shard.parse(sweep.shard());
    } catch (IllegalArgumentException e) {
      throw Cli.mistake(spec, "--shard: " + e.getMessage());
    }
    return PingPongSweep.run(seeds, nodes, virtual, sweep.jobs(), part, sweep.reportDir(),
        System.out);
  }
}
