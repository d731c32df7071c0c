package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The timer heap against a sorted set, under seeded random adds, cancels and polls. */
class TimerHeapTest {
  private static final Comparator<Timer> ORDER =
      Comparator.<Timer>comparingLong(t -> t.deadline).thenComparingLong(t -> t.sequence);

  @Test
  void pollsInDeadlineThenSequenceOrderWhateverIsRemoved() {
    for (long seed = 1; seed <= 30; seed++) {
      SplitMix64 random = new SplitMix64(seed);
      TimerHeap heap = new TimerHeap();
      TreeSet<Timer> expected = new TreeSet<>(ORDER);
      List<Timer> pending = new ArrayList<>();
      long sequence = 0;
      for (int op = 0; op < 5_000; op++) {
        int choice = random.nextInt(10);
        if (choice < 5) {
          // few distinct deadlines, so ties (broken by sequence) are common
          Timer timer = new Timer(null, random.nextInt(50), sequence++, () -> {}, null);
          heap.add(timer);
          expected.add(timer);
          pending.add(timer);
        } else if (choice < 8 && !pending.isEmpty()) {
          Timer timer = pending.remove(random.nextInt(pending.size()));
          heap.remove(timer);
          heap.remove(timer); // twice: the second is a no-op
          expected.remove(timer);
        } else {
          Timer polled = heap.poll();
          Timer first = expected.pollFirst();
          assertThat((Object) polled).as("seed %d, operation %d", seed, op).isSameAs(first);
          pending.remove(polled);
        }
        assertThat(heap.size()).as("seed %d, operation %d", seed, op).isEqualTo(expected.size());
      }
      while (!expected.isEmpty()) {
        assertThat((Object) heap.poll()).as("seed %d, draining", seed)
            .isSameAs(expected.pollFirst());
      }
      assertThat((Object) heap.poll()).isNull();
      assertThat(heap.isEmpty()).isTrue();
    }
  }

  @Test
  void aCancelledTimerLeavesTheHeapAtOnce() {
    long[] pendingAfterCancel = {-1};
    SimResult result = Simulation.builder().seed(1).build().run(() -> {
      Simulation sim = Simulation.current();
      for (int i = 0; i < 1_000; i++) {
        sim.schedule(1_000_000_000L + i, () -> {}).cancel(false);
      }
      pendingAfterCancel[0] = sim.pendingTimers();
    });
    assertThat(result.failure()).isNull();
    assertThat(pendingAfterCancel[0]).isZero();
    // the run ended at once: no cancelled timer moved virtual time
    assertThat(result.virtualNanos()).isZero();
  }
}
