package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * New ways for a task's work to leave the simulation for real threads (issue 14 item 5), each run
 * three times with one seed: the same message, at the same virtual time, with the same trace
 * hash. A fork-join pool the task's code makes itself ({@code new ForkJoinPool(n)}, {@code
 * Executors.newWorkStealingPool}) ran its work on real platform threads and the run passed:
 * every fork-join worker was exempt from the escape check, meant for the common pool only; when
 * the task waited for the result, the run failed later with a vaguer "wake-up from outside".
 * The other cases already failed at the moment of the escape; they guard it. Work put on the
 * common pool is not here: the end-of-run check that catches it is not repeatable (whether a
 * pool worker or the task itself ran the work decides it), so three runs may disagree.
 */
class EscapesHostileTest {
  private static final AtomicInteger REAL_WORK = new AtomicInteger();

  /**
   * Runs {@code escape} in a task of node n1 after 5 ms, three times with {@code seed}; asserts
   * every run fails with the same message and trace hash, and returns them.
   */
  static String failsTheSameThrice(long seed, Simulation.Body escape) {
    List<String> runs = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      SimResult result = Simulation.builder().seed(seed).build().run(() -> {
        Simulation sim = Simulation.current();
        Thread task = sim.spawn(NodeId.of("n1"), "worker", () -> {
          try {
            sim.sleep(Duration.ofMillis(5));
            escape.run();
            sim.sleep(Duration.ofMillis(5));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        task.join();
      });
      assertThat(result.failure()).as("run %d of seed %d", run, seed).isNotNull();
      runs.add(result.failure().getMessage() + "\n" + result.traceSha256());
    }
    assertThat(runs.get(1)).as("second run").isEqualTo(runs.get(0));
    assertThat(runs.get(2)).as("third run").isEqualTo(runs.get(0));
    return runs.get(0);
  }

  @Test
  void aForkJoinPoolOfTheTasksOwnIsAnEscapeAtItsFirstWorker() {
    List<Simulation.Body> pools = List.of(
        () -> new ForkJoinPool(2).execute(REAL_WORK::incrementAndGet),
        () -> Executors.newWorkStealingPool(2).execute(REAL_WORK::incrementAndGet),
        () -> new ForkJoinPool(1).submit(() -> 1).get(),
        () -> new ForkJoinPool(2, pool -> new ForkJoinWorkerThread(null, pool, true) { },
            null, false).execute(REAL_WORK::incrementAndGet),
        () -> {
          try (ForkJoinPool pool = new ForkJoinPool(3)) {
            pool.submit(() -> IntStream.range(0, 1000).parallel().sum()).get();
          }
        });
    for (int i = 0; i < pools.size(); i++) {
      assertThat(failsTheSameThrice(20 + i, pools.get(i))).as("case %d", i)
          .startsWith("Escape: Task #1 n1/worker started a worker of a ForkJoinPool of its own (")
          .contains("EscapesHostileTest.lambda$aForkJoinPoolOfTheTasksOwnIsAnEscape")
          .contains("at virtual time PT0.005S")
          .contains("Fix: run the work on the injected Daemons executor");
    }
  }

  @Test
  void platformThreadsTheJdkStartsForTheTaskAreEscapesToo() {
    List<Simulation.Body> escapes = List.of(
        () -> java.lang.ref.Cleaner.create(),
        () -> java.net.http.HttpClient.newHttpClient(),
        () -> Executors.defaultThreadFactory().newThread(() -> { }).start(),
        () -> Thread.ofPlatform().daemon().unstarted(() -> { }).start());
    for (int i = 0; i < escapes.size(); i++) {
      assertThat(failsTheSameThrice(40 + i, escapes.get(i))).as("case %d", i)
          .startsWith("Escape: Task #1 n1/worker started a platform thread (")
          .contains("at virtual time PT0.005S")
          .contains("Fix: start threads with the injected Daemons");
    }
  }
}
