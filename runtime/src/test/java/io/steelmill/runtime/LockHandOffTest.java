package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The factory's lock is released with a release store and no fence, so a release can miss a
 * waiter that queued at the same instant; such a waiter looks again by itself. Many short
 * constructions raced for by several threads (platform and virtual) hand the lock over tens of
 * thousands of times: every thread must get through, with one instance per binding. An injected
 * binding with no instance is told apart only when the dispatch fails for it, and must still be
 * reported as such. Waits are bounded and assert outcomes, never timings.
 */
class LockHandOffTest {
  private static final long BOUND_SECONDS = 120;

  /** A chain of {@code size} bindings, {@code i} needing {@code i - 1}, then one injected. */
  static final class Chain extends Node {
    final AtomicIntegerArray constructions;
    final int size;

    Chain(String name, int size) {
      super(new FactoryCore(name, table(size)), null);
      this.size = size;
      this.constructions = new AtomicIntegerArray(size + 1);
    }

    static Bindings table(int size) {
      StringBuilder table = new StringBuilder();
      for (int i = 0; i < size; i++) {
        table.append("daemon - ").append(i > 0 ? "[" + (i - 1) + "] " : "").append("L" + i + "\n");
      }
      return Bindings.of(table.toString(), "injected test.Absent Absent\n");
    }

    Object at(int id) {
      return get(id);
    }

    @Override
    protected Object construct(int id) {
      constructions.incrementAndGet(id);
      if (id >= size) {
        throw new IndexOutOfBoundsException(id); // what a generated dispatch does for it
      }
      Thread.onSpinWait(); // a construction long enough for the others to queue
      return id == 0 ? new Object[] {id} : new Object[] {id, get(id - 1)};
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void everyThreadGetsThroughTensOfThousandsOfHandOffsWithOneInstanceEach(long seed)
      throws Exception {
    int rounds = 1500;
    int threads = 4;
    int size = 6;
    SplittableRandom random = new SplittableRandom(seed);
    List<Chain> chains = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      chains.add(new Chain("c" + r, size));
    }
    List<AtomicReferenceArray<Object>> seen = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      seen.add(new AtomicReferenceArray<>(size * threads));
    }
    CyclicBarrier together = new CyclicBarrier(threads);
    ConcurrentHashMap<Integer, Throwable> failures = new ConcurrentHashMap<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      long threadSeed = random.nextLong();
      Runnable work = () -> {
        SplittableRandom order = new SplittableRandom(threadSeed);
        try {
          for (int r = 0; r < rounds; r++) {
            together.await(BOUND_SECONDS, TimeUnit.SECONDS); // all start each round at once
            Chain chain = chains.get(r);
            for (int i = 0; i < size; i++) {
              int id = order.nextInt(size);
              seen.get(r).set(index * size + id, chain.at(id));
            }
          }
        } catch (Throwable e) {
          failures.put(index, e);
          together.reset();
        }
      };
      workers.add(t % 2 == 0 ? Thread.ofPlatform().start(work) : Thread.ofVirtual().start(work));
    }
    for (Thread worker : workers) {
      assertThat(worker.join(Duration.ofSeconds(BOUND_SECONDS)))
          .as("seed %d: %s got through", seed, worker).isTrue();
    }

    assertThat(failures).as("seed %d", seed).isEmpty();
    for (int r = 0; r < rounds; r++) {
      Chain chain = chains.get(r);
      for (int id = 0; id < size; id++) {
        if (chain.constructions.get(id) > 0) {
          assertThat(chain.constructions.get(id)).as("seed %d, round %d, L%d", seed, r, id)
              .isEqualTo(1);
        }
      }
      for (int k = 0; k < size * threads; k++) {
        Object instance = seen.get(r).get(k);
        if (instance != null) {
          assertThat(instance).as("seed %d, round %d", seed, r).isSameAs(chain.at(k % size));
        }
      }
      assertThat(chain.builtDaemons()).as("seed %d, round %d", seed, r).doesNotHaveDuplicates();
    }
  }

  @Test
  void anInjectedBindingWithNoInstanceIsReportedAsSuchAndLeavesTheLockFree() throws Exception {
    Chain chain = new Chain("injecting", 2);

    FactoryException missing =
        org.junit.jupiter.api.Assertions.assertThrows(FactoryException.class, () -> chain.at(2));
    assertThat(missing.getMessage())
        .contains("Absent is declared in @Factory(injected = ...) but no instance was injected")
        .contains("injecting");
    Thread elsewhere = Thread.ofPlatform().start(() -> chain.at(1));
    assertThat(elsewhere.join(Duration.ofSeconds(BOUND_SECONDS))).as("lock released").isTrue();
    assertThat(chain.builtDaemons()).containsExactly("L0", "L1");
  }
}
