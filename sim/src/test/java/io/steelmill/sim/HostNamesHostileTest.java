package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.steelmill.runtime.Node;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Host names that collide with another identity: the nemesis's own node ("nemesis": crashing
 * that host killed the nemesis's tasks, so faults silently stopped), or another host of the same
 * cluster (a crash aimed at one reached both). Each is refused when the cluster or the nemesis is
 * made, in one line with a fix; odd but distinct names are fine.
 */
class HostNamesHostileTest {
  private static SimCluster<Node, Node> cluster(String... names) {
    return SimCluster.of(null, (ambient, name) -> null, node -> { }, names);
  }

  @Test
  void aHostNamedLikeTheNemesisIsRefusedWhenTheNemesisIsMade() {
    Throwable thrown = catchThrowable(() -> Nemesis.on(cluster("n0", "nemesis", "n2")));
    assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"nemesis\"").hasMessageContaining("Fix:");
    assertThat(thrown.getMessage()).doesNotContain("\n");
    assertThat(Nemesis.on(cluster("n0", "Nemesis", "nemesis ", "nemesis/x"))).isNotNull();
  }

  /** What the refusal prevents: a crash of a node named "nemesis" ends the nemesis's tasks. */
  @Test
  void theNemesisWorksForTheNodeNamedNemesis() {
    List<String> seen = new CopyOnWriteArrayList<>();
    SimResult result = Simulation.builder().seed(3).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.spawn(Nemesis.NEMESIS, "faults", () -> {
        try {
          sim.sleep(Duration.ofSeconds(2));
          seen.add("nemesis went on");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      sim.sleep(Duration.ofSeconds(1));
      sim.crash("nemesis");
      sim.sleep(Duration.ofSeconds(2));
    });
    assertThat(result.failure()).isNull();
    assertThat(seen).isEmpty();
  }

  @Test
  void twoHostsOfOneNameAreRefused() {
    for (String[] names : List.of(new String[] {"a", "b", "a"}, new String[] {"x", "x"},
        new String[] {"é\uD83D\uDE00", "é\uD83D\uDE00"}, new String[] {"a\nb", "a\nb"})) {
      Throwable thrown = catchThrowable(() -> cluster(names));
      assertThat(thrown).as(String.join(",", names))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("two hosts are named").hasMessageContaining("Fix:");
      assertThat(thrown.getMessage()).doesNotContain("\n");
    }
    assertThat(cluster("a", "A", "a ", " a").names()).hasSize(4);
  }

  /**
   * The check looked every name up in the whole list (quadratic in the hosts); one pass now. The
   * refusal names the first name given twice, among many hosts as among a few.
   */
  @Test
  void amongManyHostsTheFirstNameGivenTwiceIsNamed() {
    List<String> names = new java.util.ArrayList<>(SimCluster.names("h", 100_000));
    names.add("h99999");
    names.add("h7");
    Throwable thrown =
        catchThrowable(() -> SimCluster.of(null, (ambient, name) -> null, node -> { }, names));
    assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("two hosts are named \"h99999\":");
    assertThat(cluster(SimCluster.names("h", 100_000).toArray(String[]::new)).names())
        .hasSize(100_000);
  }
}
