package io.steelmill.benchmarks.graph.n1000;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The contract's floor ({@code HandLazy1000}, written by {@code benchmarks/generator}) must honour
 * the contract it is the floor of, or the benchmark compares Steelmill with less than it must do:
 * nothing is built before it is asked for, and each class is built once even when many threads ask
 * for it, and for what it needs, at the same time.
 */
class HandLazyTest {
  private static final int SIZE = 1000;
  private static final int THREADS = 6;

  @Test
  void buildsOnlyWhatWasAskedForAndWhatThatNeeds() throws Exception {
    HandLazy1000 graph = new HandLazy1000();
    assertEquals(0, builtCount(graph), "nothing is built before it is asked for");

    C5 c5 = graph.c5(); // C5 needs C2 and C4; C2 needs C1, C4 needs C0 and C1, C1 needs C0

    for (int id : new int[] {0, 1, 2, 4, 5}) {
      assertNotNull(field(id).get(graph), "C" + id);
    }
    assertNull(field(3).get(graph), "C3: nothing asked for it");
    assertEquals(5, builtCount(graph));
    assertSame(c5, graph.c5());
  }

  @Test
  void racingFirstCallsBuildEachClassOnce() throws Exception {
    SplittableRandom random = new SplittableRandom(12);
    for (int round = 0; round < 20; round++) {
      HandLazy1000 graph = new HandLazy1000();
      Object[][] seen = new Object[THREADS][SIZE];
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int[] order = shuffled(random.split());
        Object[] mine = seen[t];
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            start.await();
            for (int id : order) {
              mine[id] = accessor(id).invoke(graph);
            }
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      for (int id = 0; id < SIZE; id++) {
        Object kept = field(id).get(graph);
        assertNotNull(kept, "C" + id);
        for (int t = 0; t < THREADS; t++) {
          // a second construction would hand at least one caller an instance the field lost
          assertSame(kept, seen[t][id], "round " + round + ", thread " + t + ", C" + id);
        }
      }
    }
  }

  private static int[] shuffled(SplittableRandom random) {
    int[] ids = new int[SIZE];
    for (int i = 0; i < SIZE; i++) {
      ids[i] = i;
    }
    for (int i = SIZE - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = ids[i];
      ids[i] = ids[j];
      ids[j] = swap;
    }
    return ids;
  }

  private static int builtCount(HandLazy1000 graph) throws Exception {
    int count = 0;
    for (int id = 0; id < SIZE; id++) {
      count += field(id).get(graph) == null ? 0 : 1;
    }
    return count;
  }

  private static Field field(int id) throws NoSuchFieldException {
    Field field = HandLazy1000.class.getDeclaredField("c" + id);
    field.setAccessible(true);
    return field;
  }

  private static Method accessor(int id) throws NoSuchMethodException {
    return HandLazy1000.class.getMethod("c" + id);
  }
}
