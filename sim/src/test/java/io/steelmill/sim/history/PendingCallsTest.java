package io.steelmill.sim.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.SplitMix64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PendingCalls} against a {@link HashMap} under seeded puts, looks and removals. */
class PendingCallsTest {
  @Test
  void behavesAsAMapUnderRandomPutsAndRemovals() {
    for (long seed = 1; seed <= 200; seed++) {
      SplitMix64 random = new SplitMix64(seed);
      PendingCalls pending = new PendingCalls();
      Map<Long, Integer> expected = new HashMap<>();
      // few distinct processes collide often; some far apart or negative test the hashing
      long[] processes = new long[2 + random.nextInt(200)];
      for (int i = 0; i < processes.length; i++) {
        processes[i] = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(64) - 8;
      }
      for (int step = 0; step < 3_000; step++) {
        long process = processes[random.nextInt(processes.length)];
        if (random.nextInt(4) == 0) {
          Integer now = expected.get(process);
          assertThat(pending.get(process)).as("seed %d step %d process %d", seed, step, process)
              .isEqualTo(now == null ? -1 : now);
        } else if (random.nextInt(3) == 0) {
          int event = random.nextInt(1_000_000);
          pending.put(process, event);
          expected.put(process, event);
        } else {
          Integer gone = expected.remove(process);
          assertThat(pending.remove(process)).as("seed %d step %d process %d", seed, step, process)
              .isEqualTo(gone == null ? -1 : gone);
        }
      }
      for (Map.Entry<Long, Integer> left : expected.entrySet()) {
        assertThat(pending.remove(left.getKey())).as("seed %d", seed).isEqualTo(left.getValue());
      }
    }
  }
}
