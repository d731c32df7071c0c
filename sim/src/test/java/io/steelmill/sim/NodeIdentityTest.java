package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import io.steelmill.runtime.internal.NodeThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task's node is the id it was created with, or its parent task's: never read from a thread's
 * name. Faults aimed at a node reach exactly its tasks, and bindings see the node a task works
 * for.
 */
class NodeIdentityTest {

  @Test
  void aNameThatLooksLikeANodeDoesNotMakeATaskThatNodes() {
    List<String> seen = new ArrayList<>();
    SimResult result = Simulation.builder().seed(1).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.spawn("bob/impostor", () -> {
        seen.add("impostor on [" + sim.node() + "] named " + Thread.currentThread().getName());
        sleepQuietly(sim, Duration.ofSeconds(1));
        seen.add("impostor survived");
      });
      sim.spawn(NodeId.of("bob"), "real", () -> {
        seen.add("real on [" + sim.node() + "] named " + Thread.currentThread().getName());
        sleepQuietly(sim, Duration.ofSeconds(1));
        seen.add("real survived");
      });
      sim.sleep(Duration.ofMillis(10));
      sim.crash("bob");
      sim.sleep(Duration.ofSeconds(2));
    });
    assertThat(result.failure()).isNull();
    assertThat(seen)
        .contains("impostor on [] named bob/impostor", "real on [bob] named bob/real")
        .contains("impostor survived")
        .doesNotContain("real survived");
  }

  @Test
  void threadsATaskStartsWorkForItsNodeWhateverTheirName() {
    List<String> seen = new ArrayList<>();
    SimResult result = Simulation.builder().seed(2).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("carol"), "parent", () -> {
        Thread child = Thread.ofVirtual().name("dave/child").start(() -> {
          seen.add("child on " + sim.node());
          try {
            sleepQuietly(sim, Duration.ofSeconds(1));
            seen.add("child survived");
          } catch (NodeCrashed crashed) {
            seen.add("child crashed with " + crashed.getMessage());
          }
        });
        seen.add("started " + child.getName());
        sleepQuietly(sim, Duration.ofSeconds(5));
      });
      sim.sleep(Duration.ofMillis(10));
      sim.crash("dave");
      sim.sleep(Duration.ofMillis(100));
      assertThat(seen).contains("child on carol").doesNotContain("child survived");
      sim.crash("carol");
      sim.sleep(Duration.ofSeconds(2));
    });
    assertThat(result.failure()).isNull();
    assertThat(seen)
        .doesNotContain("child survived")
        .contains("child crashed with node carol crashed");
  }

  @Test
  void aNodesOwnThreadsAreTasksOfThatNode() {
    List<String> seen = new ArrayList<>();
    SimResult result = Simulation.builder().seed(3).build().run(() -> {
      Simulation sim = Simulation.current();
      Thread runner = NodeThreads.unstarted(NodeId.of("erin"), "Store", () -> {
        seen.add(Thread.currentThread().getName() + " on " + sim.node() + " " + sim.nodeId());
        sleepQuietly(sim, Duration.ofSeconds(1));
        seen.add("runner survived");
      });
      runner.start();
      sim.sleep(Duration.ofMillis(10));
      sim.crash("erin");
      sim.sleep(Duration.ofSeconds(2));
    });
    assertThat(result.failure()).isNull();
    assertThat(seen).containsExactly("erin/Store on erin erin");
  }

  @Test
  void theAmbientNodeIsOneConstant() {
    assertThat(NodeId.of("ambient")).isSameAs(NodeId.AMBIENT);
    assertThat(NodeId.of("")).isSameAs(NodeId.NONE);
    assertThat(NodeId.of("n0")).isEqualTo(NodeId.of("n0")).isNotEqualTo(NodeId.of("n1"));
    assertThat(NodeId.NONE.threadName("main")).isEqualTo("main");
    assertThat(NodeId.of("n0").threadName("Store")).isEqualTo("n0/Store");
  }

  @Test
  void theSameSeedGivesTheSameTraceWithTypedNodes() {
    String first = run(7).traceSha256();
    assertThat(run(7).traceSha256()).as("seed 7 twice").isEqualTo(first);
  }

  private static SimResult run(long seed) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      for (String node : List.of("a", "b", "c")) {
        sim.spawn(NodeId.of(node), "worker", () -> {
          for (int i = 0; i < 5; i++) {
            sleepQuietly(sim, Duration.ofMillis(1 + sim.random(node).nextInt(5)));
          }
        });
      }
      sim.sleep(Duration.ofMillis(12));
      sim.crash("b");
      sim.sleep(Duration.ofSeconds(1));
    });
  }

  private static void sleepQuietly(Simulation sim, Duration duration) {
    try {
      sim.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
