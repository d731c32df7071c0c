package io.steelmill.examples.pingpong;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Simulation;
import io.steelmill.platform.Clock;
import io.steelmill.platform.RandomSource;
import io.steelmill.runtime.Lifecycle;
import io.steelmill.sim.SimNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A nemesis for the simulated network: a lossy, duplicating, reordering baseline, and every few
 * virtual seconds a partition, a one-way cut or a slow spell, each healed after a while. Every
 * choice comes from the seed.
 */
@Ambient
@Daemon
@Simulation
public final class SimChaos implements NetworkChaos, Lifecycle {
  private final SimNetwork network;
  private final Clock clock;
  private final RandomSource random;
  private volatile boolean stopping;
  private int partitions;
  private int cuts;
  private int slowSpells;

  SimChaos(SimNetwork network, Clock clock, RandomSource random) {
    this.network = network;
    this.clock = clock;
    this.random = random.fork("chaos");
  }

  @Override
  public void prepare() {
    network.allLinks().drop(0.02).duplicate(0.01).delay(Duration.ofNanos(100_000), Duration.ofMillis(5));
  }

  @Override
  public void run() throws InterruptedException {
    while (!stopping) {
      clock.sleep(Duration.ofMillis(1_000 + random.nextInt(4_000)));
      if (stopping) {
        return;
      }
      List<String> nodes = network.nodes();
      if (nodes.size() < 2) {
        continue;
      }
      switch (random.nextInt(3)) {
        case 0 -> partition(nodes);
        case 1 -> {
          cuts++;
          String from = nodes.get(random.nextInt(nodes.size()));
          String to = nodes.get(random.nextInt(nodes.size()));
          network.cutOneWay(from, to);
        }
        default -> {
          slowSpells++;
          network.allLinks().delay(Duration.ofMillis(5), Duration.ofMillis(30));
        }
      }
      clock.sleep(Duration.ofMillis(200 + random.nextInt(1_800)));
      network.heal();
      network.allLinks().delay(Duration.ofNanos(100_000), Duration.ofMillis(5));
    }
  }

  private void partition(List<String> nodes) {
    partitions++;
    Set<String> side = new java.util.LinkedHashSet<>();
    List<String> others = new ArrayList<>();
    for (String node : nodes) {
      if (random.nextInt(2) == 0) {
        side.add(node);
      } else {
        others.add(node);
      }
    }
    network.partition(side, new java.util.LinkedHashSet<>(others));
  }

  @Override
  public void stop() {
    stopping = true;
  }

  @Override
  public String summary() {
    return partitions + " partitions, " + cuts + " one-way cuts, " + slowSpells + " slow spells,"
        + " baseline drop 2%, duplicate 1%, delay 0.1-5 ms";
  }
}
