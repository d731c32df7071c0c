package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * While a failed run unwinds, a real thread starts a thread from the run's scheduler (a builder
 * the run's code handed out). Its first wake-up is a task the run has never seen: it was given a
 * task id and a "spawn" line in the trace in the order it arrived, before the deferral that keeps
 * wake-ups from outside out of the trace, so the failing seed's hash depended on that thread.
 */
class UnwindingForeignSpawnTest {
  private static SimResult failingRun(long seed, int starts) throws InterruptedException {
    AtomicReference<Thread.Builder> builder = new AtomicReference<>();
    return UnwindingFromOutside.run(seed, true,
        sim -> {
          builder.set(sim.state.scheduler.builder());
          sim.spawn(NodeId.of("a"), "stubborn", () -> {
            while (true) {
              LockSupport.park(); // ignores the unwinding's interrupt: the run stays unwinding
              Thread.interrupted();
            }
          });
        },
        () -> {
          for (int i = 0; i < starts; i++) {
            builder.get().start(() -> { }); // a thread of the run's scheduler, from outside
          }
        });
  }

  @Test
  void aThreadStartedFromOutsideWhileUnwindingChangesNothingTraced() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      SimResult without = failingRun(seed, 0);
      SimResult with = failingRun(seed, 2);
      assertThat(without.failure()).hasMessageContaining("planted failure");
      assertThat(with.failure()).hasMessageContaining("planted failure");

      assertThat(with.traceSha256()).as("seed %d", seed).isEqualTo(without.traceSha256());
      assertThat(with.steps()).isEqualTo(without.steps());
      assertThat(with.events()).isEqualTo(without.events());
      assertThat(with.virtualTime()).isEqualTo(without.virtualTime());
    }
  }
}
