package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A task's waits share one timeout timer, armed again for each wait ({@link Timers#wake}): these
 * pin down that sharing it never changes when a wait ends, also for a wait inside another wait's
 * condition, and that no timer is left pending.
 */
class WaitTimerTest {

  @Test
  void successiveWaitsEachEndAtTheirOwnTimeoutOrWakeUp() {
    long[] ends = new long[200];
    boolean[] results = new boolean[200];
    int[] pending = {-1};
    SimResult result = Simulation.builder().seed(5).build().run(() -> {
      Simulation sim = Simulation.current();
      Thread self = Thread.currentThread();
      for (int i = 0; i < ends.length; i++) {
        boolean[] woken = {false};
        if (i % 3 == 0) { // woken before its timeout: the timer is cancelled, then re-armed
          sim.schedule(100, () -> {
            woken[0] = true;
            LockSupport.unpark(self);
          });
        }
        results[i] = sim.await(() -> woken[0], 1_000 + i, "wait " + i);
        ends[i] = sim.nanoTime();
      }
      pending[0] = sim.pendingTimers();
    });
    assertThat(result.failure()).isNull();
    long now = 0;
    for (int i = 0; i < ends.length; i++) {
      now += i % 3 == 0 ? 100 : 1_000 + i;
      assertThat(ends[i]).as("end of wait %d", i).isEqualTo(now);
      assertThat(results[i]).as("result of wait %d", i).isEqualTo(i % 3 == 0);
    }
    assertThat(pending[0]).isZero();
  }

  @Test
  void aWaitInsideAWaitsConditionHasATimerOfItsOwn() {
    Object[] seen = new Object[4];
    SimResult result = Simulation.builder().seed(7).build().run(() -> {
      Simulation sim = Simulation.current();
      Thread self = Thread.currentThread();
      int[] outerChecks = {0};
      boolean outer = sim.await(() -> {
        if (outerChecks[0]++ == 1) { // woken by the outer timeout at t=10,000
          sim.schedule(1_000, () -> LockSupport.unpark(self));
          int[] innerChecks = {0};
          try {
            // satisfied at t=11,000, before its own timeout: its timer is cancelled
            seen[0] = sim.await(() -> innerChecks[0]++ > 0, 5_000, "inner");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          seen[1] = sim.nanoTime();
        }
        return false;
      }, 10_000, "outer");
      seen[2] = outer;
      seen[3] = sim.nanoTime();
    });
    assertThat(result.failure()).isNull();
    assertThat(seen).containsExactly(true, 11_000L, false, 11_000L);
  }

  @Test
  void theSameSeedGivesTheSameTraceWithManyTimedWaits() {
    String first = timedPingPong(11).traceSha256();
    assertThat(timedPingPong(11).traceSha256()).isEqualTo(first);
    assertThat(timedPingPong(12).traceSha256()).isNotEqualTo(first);
  }

  /** Two tasks that wait for each other with timeouts shorter or longer than the reply. */
  private static SimResult timedPingPong(long seed) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      SplitMix64 random = sim.random("test");
      int[] turn = {0};
      Thread[] tasks = new Thread[2];
      for (int t = 0; t < 2; t++) {
        int me = t;
        tasks[t] = sim.spawn("player-" + t, () -> {
          try {
            for (int round = 0; round < 500; round++) {
              if (sim.await(() -> turn[0] == me, 1 + random.nextInt(3_000), "turn")) {
                sim.sleep(java.time.Duration.ofNanos(1 + random.nextInt(2_000)));
                turn[0] = 1 - me;
                sim.trace("pass " + me + " " + round);
                LockSupport.unpark(tasks[1 - me]);
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      sim.sleep(java.time.Duration.ofSeconds(10));
    });
  }
}
