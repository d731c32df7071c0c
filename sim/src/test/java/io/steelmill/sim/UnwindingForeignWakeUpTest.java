package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A run that fails, then, while its tasks unwind, gets a wake-up from a real thread (a lock a
 * platform thread held, let go just then). The unwinding took it as one of its own: the woken
 * task's steps and what it traced went into the trace, so a failing seed's hash depended on when
 * a real thread let go. Such wake-ups now wait until the traced unwinding is over and run with
 * the trace closed: the hash, steps and virtual time are those of a run that got none.
 */
class UnwindingForeignWakeUpTest {
  private static final Duration LATE = Duration.ofHours(1);

  /**
   * A task waits (uninterruptibly) for a lock a platform thread holds; the main task fails; an
   * action at {@link #LATE}, reached only while the run unwinds, lets the thread go on, and the
   * thread lets go of the lock ({@code release}) or not, then says it is done.
   */
  private static SimResult failingRun(long seed, boolean release) throws InterruptedException {
    ReentrantLock lock = new ReentrantLock();
    CountDownLatch held = new CountDownLatch(1);
    AtomicBoolean go = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    Thread holder = Thread.ofPlatform().daemon().start(() -> {
      lock.lock();
      held.countDown();
      while (!go.get()) {
        Thread.onSpinWait();
      }
      if (release) {
        lock.unlock();
      }
      done.set(true);
    });
    held.await();
    SimResult result = Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("a"), "locker", () -> {
        lock.lock(); // wakes only from the real thread
        try {
          sim.trace("locker got the lock");
        } finally {
          lock.unlock();
        }
      });
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
          .doesNotContain("locker got the lock");
      assertThat(with.traceSha256()).as("seed %d", seed).isEqualTo(without.traceSha256());
      assertThat(with.steps()).isEqualTo(without.steps());
      assertThat(with.events()).isEqualTo(without.events());
      assertThat(with.virtualTime()).isEqualTo(without.virtualTime());
    }
  }
}
