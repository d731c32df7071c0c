package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A node's identity through every way its code starts work: tasks spawned from tasks, threads
 * started raw, thread factories and executors, several generations deep; across a crash and a
 * restart under the same id; and the same traces when two simulations run side by side.
 */
class NodeIdentityHostileTest {

  /** Four generations of work for {@code node}, each started a different way; each logs its node. */
  private static void generations(Simulation sim, List<String> seen, String tag) {
    sim.spawn("gen1", () -> {
      seen.add(tag + " gen1 on " + sim.nodeId());
      Thread raw = Thread.ofVirtual().name("anything/at/all").start(() -> {
        seen.add(tag + " gen2 on " + sim.nodeId());
        Thread made = sim.threadFactory("pool").newThread(() -> {
          seen.add(tag + " gen3 on " + sim.nodeId());
          try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> done = executor.submit(() -> {
              seen.add(tag + " gen4 on " + sim.nodeId());
              sleepQuietly(sim, Duration.ofSeconds(10));
              seen.add(tag + " gen4 survived");
            });
            sleepQuietly(sim, Duration.ofSeconds(10));
            seen.add(tag + " gen3 survived " + done.isDone());
          }
        });
        made.start();
        sleepQuietly(sim, Duration.ofSeconds(10));
        seen.add(tag + " gen2 survived");
      });
      sleepQuietly(sim, Duration.ofSeconds(10));
      seen.add(tag + " gen1 survived " + raw.getName());
    });
  }

  private static SimResult crashAndRestart(long seed, List<String> seen) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      NodeId alice = NodeId.of("alice");
      sim.spawn(alice, "boot", () -> generations(sim, seen, "first"));
      sim.spawn(NodeId.of("bob"), "boot", () -> generations(sim, seen, "bob"));
      sim.sleep(Duration.ofSeconds(1));
      sim.crash("alice");
      sim.sleep(Duration.ofSeconds(1));
      sim.spawn(alice, "boot", () -> generations(sim, seen, "second"));
      sim.sleep(Duration.ofSeconds(30));
    });
  }

  @Test
  void everyGenerationCarriesItsNodeAndACrashEndsThemAllButNotTheRestart() {
    List<String> seen = new CopyOnWriteArrayList<>();
    SimResult result = crashAndRestart(11, seen);
    assertThat(result.failure()).isNull();
    for (String tag : List.of("first", "second")) {
      for (int gen = 1; gen <= 4; gen++) {
        assertThat(seen).as(tag).contains(tag + " gen" + gen + " on alice");
      }
    }
    assertThat(seen).noneMatch(line -> line.startsWith("first") && line.contains("survived"));
    assertThat(seen).contains("second gen4 survived", "second gen2 survived", "bob gen4 survived")
        .contains("second gen1 survived anything/at/all");
    assertThat(seen).noneMatch(line -> line.contains(" on ") && !line.endsWith(" on alice")
        && !line.endsWith(" on bob"));
  }

  @Test
  void theSameSeedGivesTheSameTraceAloneTwiceAndSideBySide() throws Exception {
    String alone = crashAndRestart(23, new CopyOnWriteArrayList<>()).traceSha256();
    assertThat(crashAndRestart(23, new CopyOnWriteArrayList<>()).traceSha256()).isEqualTo(alone);
    String other = crashAndRestart(24, new CopyOnWriteArrayList<>()).traceSha256();
    for (int round = 0; round < 2; round++) {
      try (ExecutorService two = Executors.newFixedThreadPool(2)) {
        Future<SimResult> a = two.submit(() -> crashAndRestart(23, new CopyOnWriteArrayList<>()));
        Future<SimResult> b = two.submit(() -> crashAndRestart(24, new CopyOnWriteArrayList<>()));
        assertThat(a.get().traceSha256()).as("seed 23 side by side, round %d", round)
            .isEqualTo(alone);
        assertThat(b.get().traceSha256()).as("seed 24 side by side, round %d", round)
            .isEqualTo(other);
      }
    }
  }

  @Test
  void noIdIsNotANode() {
    Throwable nameless = catchThrowable(() -> NodeId.of(null));
    assertThat(nameless).isInstanceOf(NullPointerException.class).hasMessageContaining("name");
    SimResult result = Simulation.builder().seed(5).build().run(() -> {
      Simulation sim = Simulation.current();
      List<String> seen = new CopyOnWriteArrayList<>();
      sim.spawn(NodeId.NONE, "harness", () -> seen.add("on [" + sim.nodeId() + "]"));
      sim.sleep(Duration.ofMillis(1));
      assertThat(seen).containsExactly("on []");
      sim.crash("nobody-here"); // a node with no task: nothing to crash, nothing fails
      sim.sleep(Duration.ofMillis(1));
    });
    assertThat(result.failure()).isNull();
  }

  private static void sleepQuietly(Simulation sim, Duration duration) {
    try {
      sim.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
