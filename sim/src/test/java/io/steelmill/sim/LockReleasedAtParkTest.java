package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A {@code ReentrantLock} a real thread lets go right after a task parked on it. The release
 * clears the owner before it unparks the task, so a step could end with the task waiting on a
 * lock nobody held (or already unparked), not waited for as a lock held outside: the unpark then
 * came as a wake-up from outside and failed the run, by the real thread's timing. Many short
 * holds, each let go as soon as the task parks, meet that window; the run must still pass with
 * the trace of a run whose lock was never held outside.
 */
class LockReleasedAtParkTest {
  private static final int ROUNDS = 300;

  private static SimResult run(boolean holdOutside) throws InterruptedException {
    ReentrantLock lock = new ReentrantLock();
    AtomicInteger held = new AtomicInteger(-1);
    AtomicReference<Thread> task = new AtomicReference<>();
    Thread outside = Thread.ofPlatform().daemon().start(() -> {
      for (int round = 0; round < ROUNDS; round++) {
        if (holdOutside) {
          lock.lock();
        }
        held.set(round);
        if (holdOutside) {
          Thread waiting;
          while ((waiting = task.get()) == null || !lock.hasQueuedThread(waiting)
              || LockSupport.getBlocker(waiting) == null) {
            Thread.onSpinWait();
          }
          lock.unlock(); // as soon as the task parked: the owner is cleared before the unpark
        }
        while (TAKEN.get() < round) {
          Thread.onSpinWait();
        }
      }
    });
    SimResult result = Simulation.builder().seed(7).build().run(() -> {
      Simulation sim = Simulation.current();
      Thread worker = sim.spawn(NodeId.of("a"), "worker", () -> {
        try {
          for (int round = 0; round < ROUNDS; round++) {
            while (held.get() < round) {
              Thread.onSpinWait(); // the real thread holds the lock for this round first
            }
            lock.lock();
            try {
              sim.trace("round " + round);
              TAKEN.set(round);
            } finally {
              lock.unlock();
            }
            sim.sleep(Duration.ofMillis(1));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      task.set(worker);
      worker.join();
    });
    outside.join(TimeUnit.SECONDS.toMillis(60));
    TAKEN.set(-1);
    return result;
  }

  private static final AtomicInteger TAKEN = new AtomicInteger(-1);

  @Test
  void aLockLetGoAsTheTaskParksCostsTimeButNotTheTrace() throws Exception {
    SimResult free = run(false);
    assertThat(free.failure()).as(free.report()).isNull();
    SimResult contended = run(true);
    assertThat(contended.failure()).as(contended.report()).isNull();
    assertThat(contended.traceSha256()).isEqualTo(free.traceSha256());
  }
}
