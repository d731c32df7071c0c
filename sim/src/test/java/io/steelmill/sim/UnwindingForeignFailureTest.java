package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A passing run whose task, left waiting for a real thread, is woken by it while the run unwinds
 * and then throws. Such a task runs after the traced unwinding, when the real thread let go: its
 * failure became the run's, so whether a passing seed passed depended on that thread's timing.
 * It is now a note beside the leaked tasks, and the verdict is the traced run's.
 */
class UnwindingForeignFailureTest {
  private static SimResult passingRun(long seed, boolean release) throws InterruptedException {
    AtomicBoolean released = new AtomicBoolean();
    AtomicReference<Thread> waiter = new AtomicReference<>();
    return UnwindingFromOutside.run(seed, false,
        sim -> waiter.set(sim.spawn(NodeId.of("a"), "waiter", () -> {
          while (!released.get()) {
            LockSupport.park(); // wakes only from the real thread
            Thread.interrupted(); // the unwinding's interrupt does not end the wait
          }
          throw new IllegalStateException("planted after the run");
        })),
        () -> {
          if (release) {
            released.set(true);
            LockSupport.unpark(waiter.get()); // a wake-up from outside, while the run unwinds
          }
        });
  }

  @Test
  void aTaskWokenFromOutsideThatThrowsAfterTheTraceIsANoteNotTheVerdict() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      SimResult without = passingRun(seed, false);
      SimResult with = passingRun(seed, true);
      assertThat(without.failure()).as(without.report()).isNull();
      assertThat(with.failure()).as(with.report()).isNull();
      assertThat(with.traceSha256()).as("seed %d", seed).isEqualTo(without.traceSha256());
      assertThat(with.leaked()).anyMatch(note -> note.contains("after the traced run")
          && note.contains("planted after the run"));
      assertThat(with.report()).contains("planted after the run");
    }
  }
}
