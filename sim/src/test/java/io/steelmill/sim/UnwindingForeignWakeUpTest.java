package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
  private static final Duration LATE = Duration.ofHours(1);

  /**
   * A task waits (parked, ignoring interrupts) until a platform thread wakes it; the main task
   * fails; an action at {@link #LATE}, reached only while the run unwinds, lets the thread go on,
   * and the thread wakes the task ({@code release}) or not, then says it is done.
   */
  private static SimResult failingRun(long seed, boolean release) throws InterruptedException {
    AtomicBoolean go = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean released = new AtomicBoolean();
    AtomicReference<Thread> waiter = new AtomicReference<>();
    Thread holder = Thread.ofPlatform().daemon().start(() -> {
      while (!go.get()) {
        Thread.onSpinWait();
      }
      if (release) {
        released.set(true);
        LockSupport.unpark(waiter.get()); // a wake-up from outside, while the run unwinds
      }
      done.set(true);
    });
    SimResult result = Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      waiter.set(sim.spawn(NodeId.of("a"), "waiter", () -> {
        while (!released.get()) {
          LockSupport.park(); // wakes only from the real thread
          Thread.interrupted(); // the unwinding's interrupt does not end the wait
        }
        sim.trace("waiter woke");
      }));
      sim.schedule(LATE.toNanos(), () -> {
        go.set(true);
        while (!done.get()) {
          Thread.onSpinWait(); // the real thread's wake-up lands while the run unwinds
        }
      });
      sim.sleep(Duration.ofMillis(1));
      throw new AssertionError("planted failure");
    });
    holder.join(TimeUnit.SECONDS.toMillis(30));
    return result;
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
