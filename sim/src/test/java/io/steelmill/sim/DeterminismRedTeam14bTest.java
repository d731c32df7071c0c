package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile user code against the promise that a seed replays exactly (redteam14b). The JDK's own
 * randomness called from a task ({@link JdkRandomness}: {@code new Random()}, {@code
 * Math.random}, {@code ThreadLocalRandom}, {@code UUID.randomUUID}, {@code SecureRandom}, {@code
 * SplittableRandom}, {@code RandomGenerator.getDefault}, {@code Collections.shuffle}) made every
 * run of one seed different, in one JVM and across JVMs, and the run passed: nothing failed and
 * nothing named the source, and the plain kernel has no double-run check. Each now draws from the
 * seed, so the value and the trace hash are the same in the same JVM after other runs and after
 * the source was used outside the simulation, side by side with other seeds, and in a fresh JVM;
 * another seed draws another value.
 *
 * <p>Work put on the common pool from a task failed one seed's runs with different messages (the
 * first run of a JVM "a wake-up came from outside", later ones "put work on the common
 * ForkJoinPool", or a runaway step), and different trace hashes: which check saw it depended on
 * whether a pool worker or the task ran the work. It is now an escape when it is submitted.
 *
 * <p>A {@code java.util.Random} that lives from run to run ({@code static final Random R = new
 * Random()}, seeded or not, or one made before the run) gave each run of one seed other values,
 * silently: a run's code may draw only from one it made, else the draw is an escape naming the
 * place.
 *
 * <p>A timer action ({@code Simulation.schedule}) that spun or blocked hung the run for ever, with
 * no report: the watchdog watched only tasks' steps. It is a step of its own now, reported as a
 * runaway or pinned within the limits. A runaway thread that user code started without a name
 * was reported as "task  ran PT10S": no name, no node; now its number and node.
 */
class DeterminismRedTeam14bTest {

  static List<String> sources() {
    return List.copyOf(JdkRandomness.SOURCES.keySet());
  }

  @ParameterizedTest
  @MethodSource("sources")
  void jdkRandomnessInATaskReplaysWithTheSeed(String source) {
    String first = JdkRandomness.run(source, 42);
    JdkRandomness.run(source, 7); // another seed ran in between
    JdkRandomness.SOURCES.get(source).getAsLong(); // and the same source outside any simulation
    String again = JdkRandomness.run(source, 42);

    assertThat(again).as("seed 42 again, after other runs").isEqualTo(first);
    assertThat(JdkRandomness.run(source, 43).split(" ")[0]).as("seed 43 draws another value")
        .isNotEqualTo(first.split(" ")[0]);
  }

  @Test
  void jdkRandomnessReplaysSideBySideAndInAFreshJvm() throws Exception {
    Map<String, String> alone = new TreeMap<>();
    for (String source : sources()) {
      alone.put(source, JdkRandomness.run(source, 11));
    }
    Map<String, String> sideBySide = new TreeMap<>();
    try (ExecutorService jobs = Executors.newFixedThreadPool(2)) {
      List<Future<String>> runs = new ArrayList<>();
      for (String source : sources()) {
        jobs.submit(() -> JdkRandomness.run(source, 12)); // another seed beside each
        runs.add(jobs.submit(() -> JdkRandomness.run(source, 11)));
      }
      for (int i = 0; i < runs.size(); i++) {
        sideBySide.put(sources().get(i), runs.get(i).get());
      }
    }
    Map<String, String> fresh = new TreeMap<>();
    for (String line : FreshJvm.run(JdkRandomness.class, "11").lines().toList()) {
      int split = line.lastIndexOf(' ', line.lastIndexOf(' ') - 1);
      if (split > 0 && JdkRandomness.SOURCES.containsKey(line.substring(0, split))) {
        fresh.put(line.substring(0, split), line.substring(split + 1));
      }
    }
    assertThat(sideBySide).as("side by side with seed 12").isEqualTo(alone);
    assertThat(fresh).as("in a fresh JVM").isEqualTo(alone);
  }

  /** Draws once, in the run whose task first uses it: only the JVM's first run of a seed. */
  static final class DrawsWhenInitialized {
    static final double AT_INITIALIZATION = Math.random();

    static void touch() {}
  }

  @Test
  void aStaticInitializerThatDrawsDoesNotShiftTheRunsDraws() {
    long first = drawAfterInitializer(42);
    assertThat(drawAfterInitializer(42)).as("seed 42 again, the class initialized already")
        .isEqualTo(first);
  }

  private static long drawAfterInitializer(long seed) {
    long[] value = new long[1];
    SimResult result = Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("n1"), "worker", () -> {
        DrawsWhenInitialized.touch();
        value[0] = Double.doubleToLongBits(Math.random());
      }).join();
    });
    assertThat(result.failure()).isNull();
    return value[0];
  }

  @Test
  void workOnTheCommonPoolIsAnEscapeWhenSubmitted() {
    List<Simulation.Body> submissions = List.of(
        () -> CompletableFuture.supplyAsync(() -> 42).join(),
        () -> CompletableFuture.runAsync(() -> { }), // nobody waits for it
        () -> IntStream.range(0, 10_000).parallel().map(i -> i * 2).sum(),
        () -> List.of(1, 2, 3, 4, 5, 6, 7, 8).parallelStream().mapToInt(i -> i).sum(),
        () -> ForkJoinPool.commonPool().submit(() -> 1).get(),
        () -> ForkJoinPool.commonPool().execute(() -> { }),
        () -> new Doubling(1000).fork().join(),
        () -> CompletableFuture.completedFuture(1).thenApplyAsync(i -> i + 1).join());
    for (int i = 0; i < submissions.size(); i++) {
      assertThat(EscapesHostileTest.failsTheSameThrice(60 + i, submissions.get(i)))
          .as("case %d", i)
          .startsWith("Escape: Task #1 n1/worker put work on the common ForkJoinPool at ")
          .contains("at virtual time PT0.005S")
          .contains("Fix: pass the injected Daemons executor");
    }
  }

  /** A fork-join task of user code, forked from a task: it lands on the common pool. */
  private static final class Doubling extends RecursiveTask<Integer> {
    private final int n;

    Doubling(int n) {
      this.n = n;
    }

    @Override
    protected Integer compute() {
      return n * 2;
    }
  }

  /** Made by this class's static initializer: shared by every run of the JVM. */
  private static final Random STATIC_RANDOM = new Random();
  private static final Random STATIC_SEEDED = new Random(7);

  @Test
  void aRandomThatLivesFromRunToRunIsAnEscapeAtItsDraw() {
    Random before = new Random(3); // made outside any run
    for (Random shared : List.of(STATIC_RANDOM, STATIC_SEEDED, before)) {
      assertThat(EscapesHostileTest.failsTheSameThrice(70, () -> shared.nextInt(100)))
          .startsWith("Escape: Task #1 n1/worker drew from a java.util.Random made outside this"
              + " run (before it, or by a static initializer) at"
              + " io.steelmill.sim.DeterminismRedTeam14bTest.lambda$")
          .contains("at virtual time PT0.005S")
          .contains("Fix: draw from the injected RandomSource");
    }
    Random[] kept = new Random[1];
    Simulation.Body keep = () -> {
      if (kept[0] == null) {
        kept[0] = new Random(3); // made by the first run, drawn from by the second
      }
      Simulation.current().trace("drew " + kept[0].nextLong());
    };
    assertThat(Simulation.builder().seed(1).build().run(keep).failure()).isNull();
    assertThat(Simulation.builder().seed(1).build().run(keep).failure())
        .hasMessageContaining("drew from a java.util.Random that an earlier run of this JVM made"
            + " at io.steelmill.sim.DeterminismRedTeam14bTest");
    Simulation.Body fresh = () -> Simulation.current().trace("drew " + new Random(3).nextLong());
    assertThat(Simulation.builder().seed(1).build().run(fresh).traceSha256())
        .isEqualTo(Simulation.builder().seed(1).build().run(fresh).traceSha256());
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // it hung for ever
  void aTimerActionThatSpinsOrBlocksIsReportedWithinTheLimits() {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch release = new CountDownLatch(1);
    try {
      SimResult spins = Simulation.builder().seed(80).runawayLimit(Duration.ofMillis(300)).build()
          .run(() -> {
            Simulation sim = Simulation.current();
            sim.schedule(1_000_000, () -> {
              while (!stop.get()) {
                Thread.onSpinWait();
              }
            });
            sim.sleep(Duration.ofMillis(5));
          });
      assertThat(spins.failure()).hasMessageStartingWith("Runaway step: a timer action"
              + " (Simulation.schedule) ran PT0.3S of CPU time without yielding")
          .hasMessageContaining("DeterminismRedTeam14bTest.lambda$");
      SimResult blocks = Simulation.builder().seed(81).pinnedLimit(Duration.ofMillis(300)).build()
          .run(() -> {
            Simulation sim = Simulation.current();
            sim.schedule(1_000_000, () -> {
              try {
                release.await(); // a real wait of the carrier thread itself
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
            sim.sleep(Duration.ofMillis(5));
          });
      assertThat(blocks.failure()).hasMessageStartingWith("Pinned: a timer action"
          + " (Simulation.schedule) blocked the carrier thread itself (WAITING)");
    } finally {
      stop.set(true); // the abandoned carriers end
      release.countDown();
    }
  }

  @Test
  void anUnnamedThreadThatSpinsIsNamedByItsNumberAndNode() {
    AtomicBoolean stop = new AtomicBoolean();
    try {
      SimResult result = Simulation.builder().seed(82).runawayLimit(Duration.ofMillis(300))
          .build().run(() -> {
            Simulation sim = Simulation.current();
            sim.spawn(io.steelmill.runtime.NodeId.of("n4"), "daemon", () -> {
              try {
                Thread.ofVirtual().start(() -> {
                  while (!stop.get()) {
                    Thread.onSpinWait();
                  }
                }).join();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }).join();
          });
      assertThat(result.failure()).hasMessageStartingWith(
          "Runaway step: task #2 (unnamed) of node n4 ran PT0.3S of CPU time without yielding");
    } finally {
      stop.set(true);
    }
  }
}
