package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A task's {@code ThreadLocalRandom} is seeded by the run's seed and the task, however early or
 * late the JDK first needs it. The JDK seeds a thread on first use, and its own contended paths
 * (a {@code ConcurrentHashMap}'s count, a {@code LongAdder}) get there first only when another
 * real thread contends: the seeds were once the run's next draws, so such a path shifted every
 * later {@code new Random()}, UUID and draw of the run with the machine's timing. Here a task
 * touches {@code ThreadLocalRandom} early in one run and not in the other, as contention would.
 */
class ThreadLocalRandomSeedsTest {
  private static SimResult run(long seed, boolean seededEarly) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      Thread task = sim.spawn(NodeId.of("a"), "drawer", () -> {
        if (seededEarly) {
          ThreadLocalRandom.current(); // what a contended JDK path does on the task's behalf
        }
        try {
          sim.sleep(Duration.ofMillis(1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        sim.trace("random " + new Random().nextLong() + " thread-local "
            + ThreadLocalRandom.current().nextLong());
      });
      task.join();
      sim.trace("main " + ThreadLocalRandom.current().nextLong());
    });
  }

  @Test
  void whenTheJdkFirstSeedsATaskChangesNothingItDraws() {
    SimResult late = run(11, false);
    SimResult early = run(11, true);

    assertThat(early.failure()).isNull();
    assertThat(early.traceTail()).isEqualTo(late.traceTail());
    assertThat(early.traceSha256()).isEqualTo(late.traceSha256());
  }

  @Test
  void tasksAndSeedsDrawDifferently() {
    String eleven = String.join("\n", run(11, false).traceTail());
    String twelve = String.join("\n", run(12, false).traceTail());
    String drawer = eleven.lines().filter(l -> l.contains("thread-local")).findFirst().orElseThrow();
    String main = eleven.lines().filter(l -> l.contains(" main ")).findFirst().orElseThrow();

    assertThat(drawer.substring(drawer.indexOf("thread-local ")))
        .isNotEqualTo("thread-local " + main.substring(main.indexOf("main ") + 5));
    assertThat(twelve).isNotEqualTo(eleven);
    assertThat(String.join("\n", run(11, false).traceTail())).isEqualTo(eleven);
  }
}
