package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A sweep hands its results over in seed order whatever the number of jobs and whatever order
 * the seeds finish in, stops starting seeds after a stopping result, and gives every seed the
 * trace hash it has when the seeds run one after the other.
 */
class SeedSweepTest {
  private static final List<Long> SEEDS = LongStream.rangeClosed(1, 24).boxed().toList();

  /** A seed that takes a seed-dependent real time, so later seeds often finish first. */
  private static long slowly(long seed) {
    try {
      Thread.sleep(new SplitMix64(seed).nextInt(8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return seed;
  }

  @Test
  void resultsComeInSeedOrderForAnyNumberOfJobs() {
    for (int jobs : new int[] {1, 2, 3, 8, 64}) {
      List<Long> handed = new ArrayList<>();
      int count = SeedSweep.run(SEEDS, jobs, SeedSweepTest::slowly, handed::add, r -> false);
      assertThat(count).as("jobs %d", jobs).isEqualTo(SEEDS.size());
      assertThat(handed).as("jobs %d", jobs).isEqualTo(SEEDS);
    }
  }

  @Test
  void aStoppingResultEndsTheSweepAtThatSeed() {
    for (int jobs : new int[] {1, 2, 3}) {
      List<Long> handed = new ArrayList<>();
      Set<Long> started = ConcurrentHashMap.newKeySet();
      int count = SeedSweep.run(SEEDS, jobs, seed -> {
        started.add(seed);
        return slowly(seed);
      }, handed::add, result -> result == 7);
      assertThat(count).as("jobs %d", jobs).isEqualTo(7);
      assertThat(handed).as("jobs %d", jobs).isEqualTo(SEEDS.subList(0, 7));
      // only the seeds already started (a window of a few per job) may run past the stop
      assertThat(started).as("jobs %d", jobs).allMatch(seed -> seed <= 7 + 2L * jobs);
    }
  }

  @Test
  void anEmptySweepHandsNothingOver() {
    List<Long> handed = new ArrayList<>();
    assertThat(SeedSweep.run(List.of(), 2, seed -> seed, handed::add, r -> false)).isZero();
    assertThat(handed).isEmpty();
  }

  @Test
  void fewerThanOneJobIsRefused() {
    for (int jobs : new int[] {0, -1, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> SeedSweep.run(SEEDS, jobs, seed -> seed, r -> { }, r -> false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("jobs must be at least 1, not " + jobs);
    }
  }

  @Test
  void aSeedThatCannotRunIsNamed() {
    for (int jobs : new int[] {1, 2}) {
      List<Long> handed = new ArrayList<>();
      assertThatThrownBy(() -> SeedSweep.run(SEEDS, jobs, seed -> {
        if (seed == 5) {
          throw new IllegalStateException("broken scenario");
        }
        return seed;
      }, handed::add, r -> false))
          .as("jobs %d", jobs)
          .hasMessageContaining("seed 5")
          .hasRootCauseMessage("broken scenario");
      assertThat(handed).as("jobs %d", jobs).isEqualTo(SEEDS.subList(0, 4));
    }
  }

  @Test
  void everySeedHasTheSameHashWithOneTwoOrThreeJobs() {
    List<Long> seeds = SEEDS.subList(0, 10);
    List<String> one = hashes(seeds, 1);
    assertThat(one).hasSize(seeds.size());
    assertThat(one.stream().map(line -> line.substring(line.indexOf(' ')))).doesNotHaveDuplicates();
    assertThat(hashes(seeds, 2)).isEqualTo(one);
    assertThat(hashes(seeds, 3)).isEqualTo(one);
  }

  private static List<String> hashes(List<Long> seeds, int jobs) {
    List<String> hashes = new ArrayList<>();
    SeedSweep.run(seeds, jobs,
        seed -> Simulation.builder().seed(seed).build().run(() -> Workload.run(4, 300)),
        result -> {
          assertThat(result.failure()).as("seed %d, jobs %d", result.seed(), jobs).isNull();
          hashes.add(result.seed() + " " + result.traceSha256());
        },
        result -> false);
    return hashes;
  }
}
