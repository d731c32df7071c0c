package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A run that fails, then, while its tasks unwind, gets a wake-up from a real thread (a platform
 * thread unparking a task that waits for it). The unwinding took it as one of its own: the woken
 * task's steps and what it traced went into the trace, so a failing seed's hash depended on when
 * a real thread let go. Such wake-ups now wait until the traced unwinding is over and run with
 * the trace closed: the hash, steps and virtual time are those of a run that got none.
 */
class UnwindingForeignWakeUpTest {
  /**
   * A task waits (parked, ignoring interrupts) until a platform thread wakes it; the main task
   * fails; while the run unwinds the thread wakes the task ({@code release}) or not.
   */
  private static SimResult failingRun(long seed, boolean release) throws InterruptedException {
    AtomicBoolean released = new AtomicBoolean();
    AtomicReference<Thread> waiter = new AtomicReference<>();
    return UnwindingFromOutside.run(seed, true,
        sim -> waiter.set(sim.spawn(NodeId.of("a"), "waiter", () -> {
          while (!released.get()) {
            LockSupport.park(); // wakes only from the real thread
            Thread.interrupted(); // the unwinding's interrupt does not end the wait
          }
          sim.trace("waiter woke");
        })),
        () -> {
          if (release) {
            released.set(true);
            LockSupport.unpark(waiter.get()); // a wake-up from outside, while the run unwinds
          }
        });
  }

  @Test
  void aWakeUpFromOutsideWhileUnwindingChangesNothingTraced() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      SimResult without = failingRun(seed, false);
      SimResult with = failingRun(seed, true);
      assertThat(without.failure()).hasMessageContaining("planted failure");
      assertThat(with.failure()).hasMessageContaining("planted failure");
      assertThat(String.join("\n", with.traceTail())).as("seed %d", seed)
          .doesNotContain("waiter woke");
      assertThat(with.traceSha256()).as("seed %d", seed).isEqualTo(without.traceSha256());
      assertThat(with.steps()).isEqualTo(without.steps());
      assertThat(with.events()).isEqualTo(without.events());
      assertThat(with.virtualTime()).isEqualTo(without.virtualTime());
    }
  }
}
