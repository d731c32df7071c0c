package io.steelmill.examples.pingpong;

import io.steelmill.sim.Durations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pingpong --nodes N --virtual 30m --seed S}: the simulated cluster, its figures. */
@Command(
    name = "pingpong",
    description = "Nodes ping each other over the simulated network, with faults (simulation build).")
public final class PingPongCommand implements Callable<Integer> {
  @Option(names = "--nodes", description = "How many nodes (default 5).")
  int nodes = 5;

  @Option(names = "--virtual", description = "Virtual time to run: 30m, 90s, 1h (default 30m).")
  String virtual = "30m";

  @Option(names = "--seed", description = "The seed (default 42).")
  long seed = 42;

  @Option(
      names = "--warmup",
      description = "Unmeasured runs of the same seed first, so the figures are at steady state"
          + " rather than include JIT compilation (default 0).")
  int warmup = 0;

  @Option(names = "--seeds", description = "Sweep seeds 1..K instead of one seed, a line each.")
  Integer seeds;

  @Option(names = "--jobs", description = "Seeds of a sweep run at once (default: the cores).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--shard", description = "Sweep only shard I/N: the seeds s with s mod N = I.")
  String shard;

  @Option(names = "--report-dir", description = "Write the sweep's results.json,"
      + " failing-seeds.json and junit.xml here.")
  java.nio.file.Path reportDir;

  @Override
  public Integer call() {
    if (!"simulation".equals(SteelmillPingPong.MODE)) {
      System.out.println("pingpong runs in the simulation build: ./mvnw -q -Psimulation -pl examples"
          + " -am compile exec:java -Dexec.args=\"pingpong --nodes 5 --virtual 30m --seed 42\"");
      return 2;
    }
    if (seeds != null || shard != null) {
      return sweep();
    }
    for (int i = 0; i < warmup; i++) {
      PingPongRun.run(seed, nodes, Durations.parse(virtual));
    }
    PingPongRun.Figures figures = PingPongRun.run(seed, nodes, Durations.parse(virtual));
    System.out.println(figures.render());
    return figures.failure() == null ? 0 : 1;
  }

  private int sweep() {
    if (seeds == null || seeds < 1) {
      System.err.println("--seeds must be at least 1"
          + (seeds == null ? " when --shard is given" : ", not " + seeds));
      return 2;
    }
    if (jobs < 1 || jobs > 1024) {
      System.err.println("--jobs must be between 1 and 1024, not " + jobs);
      return 2;
    }
    io.steelmill.sim.Shard part;
    try {
      part = shard == null ? io.steelmill.sim.Shard.ALL : io.steelmill.sim.Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      System.err.println("--shard: " + e.getMessage());
      return 2;
    }
    return PingPongSweep.run(seeds, nodes, virtual, jobs, part, reportDir, System.out);
  }
}
