package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sleep parks without a condition object ({@code RunState.sleep}); it must behave as a wait for
 * a condition that never holds did: exact virtual time, interrupts and crashes at the instant
 * they happen, its timer gone when it ends, and the same trace for the same seed.
 */
class SleepTest {

  @Test
  void aSleepTakesExactlyItsVirtualTime() {
    List<Long> times = new ArrayList<>();
    SimResult result = Simulation.builder().seed(1).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.sleep(Duration.ZERO);
      times.add(sim.nanoTime());
      sim.sleep(Duration.ofNanos(1));
      times.add(sim.nanoTime());
      sim.sleep(Duration.ofMillis(3));
      times.add(sim.nanoTime());
      assertThat(sim.pendingTimers()).isZero();
    });
    assertThat(result.failure()).isNull();
    assertThat(times).containsExactly(0L, 1L, 3_000_001L);
  }

  @Test
  void anInterruptEndsASleepAtOnceAndItsTimerLeaves() {
    List<String> seen = new ArrayList<>();
    SimResult result = Simulation.builder().seed(2).build().run(() -> {
      Simulation sim = Simulation.current();
      Thread sleeper = sim.spawn("sleeper", () -> {
        try {
          sim.sleep(Duration.ofHours(1));
          seen.add("slept");
        } catch (InterruptedException e) {
          seen.add(sim.nanoTime() + " " + e.getMessage());
        }
      });
      sim.sleep(Duration.ofMillis(5));
      assertThat(sim.pendingTimers()).isEqualTo(1); // the sleeper's
      sleeper.interrupt();
      sleeper.join();
      assertThat(sim.pendingTimers()).isZero();
    });
    assertThat(result.failure()).isNull();
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)).startsWith("5000000 interrupted while waiting on");
  }

  @Test
  void aCrashEndsTheSleepsOfTheNodesTasksOnly() {
    List<String> seen = new ArrayList<>();
    SimResult result = Simulation.builder().seed(3).build().run(() -> {
      Simulation sim = Simulation.current();
      for (String node : List.of("a", "b")) {
        sim.spawn(NodeId.of(node), "sleeper", () -> {
          try {
            sim.sleep(Duration.ofMillis(10));
            seen.add(node + " woke at " + sim.nanoTime());
          } catch (NodeCrashed e) {
            seen.add(node + " crashed");
            throw e;
          } catch (InterruptedException e) {
            seen.add(node + " interrupted");
          }
        });
      }
      sim.sleep(Duration.ofMillis(2));
      sim.crash("a");
      sim.sleep(Duration.ofMillis(20));
    });
    assertThat(result.failure()).isNull();
    assertThat(seen).containsExactlyInAnyOrder("a crashed", "b woke at 10000000");
  }

  /**
   * A negative sleep does not wait, as {@code Thread.sleep(Duration)} and the production clock do
   * (a deadline already past, {@code Duration.between(now, deadline)}): it used to wait until
   * interrupted, so code that ran fine in production hung in simulation. It leaves no timer.
   */
  @Test
  void aNegativeSleepReturnsAtOnceWithoutATimer() {
    List<String> seen = new ArrayList<>();
    SimResult result = Simulation.builder().seed(4).build().run(() -> {
      Simulation sim = Simulation.current();
      Thread sleeper = sim.spawn("sleeper", () -> {
        try {
          sim.sleep(Duration.ofNanos(-1));
          seen.add("returned at " + sim.nanoTime());
        } catch (InterruptedException e) {
          seen.add("interrupted at " + sim.nanoTime());
        }
      });
      sim.sleep(Duration.ofSeconds(1));
      assertThat(sim.pendingTimers()).isZero();
      sleeper.interrupt();
      sleeper.join();
    });
    assertThat(result.failure()).isNull();
    assertThat(seen).containsExactly("returned at 0");
  }

  /** Many tasks sleeping seeded random times, some interrupted: the same seed, the same trace. */
  @Test
  void manySleepersAreDeterministic() {
    String first = sleepers(42);
    assertThat(sleepers(42)).isEqualTo(first);
    assertThat(sleepers(43)).isNotEqualTo(first);
  }

  private static String sleepers(long seed) {
    StringBuilder log = new StringBuilder();
    SimResult result = Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      SplitMix64 random = sim.random("sleeps");
      List<Thread> tasks = new ArrayList<>();
      for (int t = 0; t < 20; t++) {
        int id = t;
        tasks.add(sim.spawn("s" + t, () -> {
          try {
            for (int i = 0; i < 50; i++) {
              sim.sleep(Duration.ofNanos(random.nextLong(1_000_000)));
            }
            log.append(id).append('@').append(sim.nanoTime()).append(' ');
          } catch (InterruptedException e) {
            log.append(id).append('!').append(sim.nanoTime()).append(' ');
          }
        }));
      }
      sim.sleep(Duration.ofMillis(20));
      tasks.get(7).interrupt();
      tasks.get(13).interrupt();
      for (Thread task : tasks) {
        task.join();
      }
    });
    assertThat(result.failure()).as("seed " + seed).isNull();
    return log + result.traceSha256();
  }
}
