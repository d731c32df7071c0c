package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
      // only the seeds already started (the window: a few per job) may run past the stop
      long last = 7 + (long) SeedSweep.WINDOW_PER_JOB * jobs;
      assertThat(started).as("jobs %d", jobs).allMatch(seed -> seed <= last);
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

  /**
   * Seeds side by side meet each other's class loading: here every seed after the first loads
   * and initializes a class no one has loaded yet, and the loader holds its
   * lock (spinning, as a slow class path would) until both carriers' tasks are at it, so one
   * task blocks on a class the other seed is loading. Every seed still passes with the hash it
   * has when the seeds run one by one. (Bounded: were the kernel to take JDK 25.0.3's snapshot of
   * the blocked task with -XX:-DoJVMTIVirtualThreadTransitions, it would never return, and the
   * test must fail, not hang.)
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void coldSeedsSideBySideWaitForEachOthersClassesWithoutChangingTheirHashes() {
    List<Long> seeds = SEEDS.subList(0, 6);
    List<String> one = coldHashes(seeds, 1);
    for (int round = 0; round < 3; round++) {
      assertThat(coldHashes(seeds, 2)).as("round %d", round).isEqualTo(one);
    }
  }

  private static List<String> coldHashes(List<Long> seeds, int jobs) {
    SlowLoader loader = new SlowLoader(Math.min(jobs, 2));
    List<String> hashes = new ArrayList<>();
    SeedSweep.run(seeds, jobs,
        seed -> Simulation.builder().seed(seed).build().run(() -> {
          if (seed > seeds.get(0)) {
            loader.arrive();
            Object loaded = loader.loadClass(LoadedCold.class.getName())
                .getConstructor().newInstance(); // initializes it: once per loader
            Simulation.current().trace("loaded " + loaded);
          }
          Workload.run(3, 100);
        }),
        result -> {
          assertThat(result.failure()).as("seed %d, jobs %d", result.seed(), jobs).isNull();
          hashes.add(result.seed() + " " + result.traceSha256());
        },
        result -> false);
    assertThat(loader.arrivedWhileLoading)
        .as("tasks at the class while it was being loaded, jobs %d", jobs)
        .isEqualTo(Math.min(jobs, 2));
    return hashes;
  }

  /** Initialized once per {@link SlowLoader}, slowly (a loop: no clock, no park). */
  public static final class LoadedCold {
    static final long WORK = spin(300_000);

    @Override
    public String toString() {
      return "LoadedCold";
    }

    /** Busy work of a given length: no clock, no park (public: a fresh copy calls it too). */
    public static long spin(long iterations) {
      long mixed = 0;
      SplitMix64 random = new SplitMix64(iterations);
      for (long i = 0; i < iterations; i++) {
        mixed ^= random.nextLong();
      }
      return mixed;
    }
  }

  /**
   * Defines {@link LoadedCold} afresh, holding its lock until {@code expected} tasks arrived (or
   * a bounded spin passed), then a little longer: the late task blocks on the lock meanwhile.
   */
  private static final class SlowLoader extends ClassLoader {
    private final int expected;
    private final AtomicInteger arrived = new AtomicInteger();
    private final byte[] bytes;
    private volatile int arrivedWhileLoading;

    SlowLoader(int expected) {
      super(SeedSweepTest.class.getClassLoader());
      this.expected = expected;
      String file = LoadedCold.class.getName().replace('.', '/') + ".class";
      try (InputStream in = getParent().getResourceAsStream(file)) {
        this.bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void arrive() {
      arrived.incrementAndGet();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(LoadedCold.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        for (int i = 0; i < 50_000 && arrived.get() < expected; i++) {
          LoadedCold.spin(10_000);
        }
        arrivedWhileLoading = arrived.get();
        LoadedCold.spin(300_000); // the late task reaches the lock meanwhile
        return defineClass(name, bytes, 0, bytes.length);
      }
    }
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
