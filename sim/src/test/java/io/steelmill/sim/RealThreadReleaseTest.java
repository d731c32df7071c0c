package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A lock or latch that a real (non-simulated) thread lets go while a task waits on it. A lock
 * held outside (a logger's {@code ReentrantLock} a test thread holds) failed the run when the
 * thread let go during the run ("a wake-up came from outside the simulation") and passed, its
 * task left behind, when it let go later: a verdict by real timing. Like a monitor held outside,
 * it is now waited for within the step: wall time, never the schedule. A latch has no owner to
 * wait for: a real thread counting it down fails the run, now naming the latch and where the
 * task waited.
 */
class RealThreadReleaseTest {
  private static SimResult lockTwice(ReentrantLock lock, AtomicBoolean waiting) {
    return Simulation.builder().seed(2).build().run(() -> {
      Simulation sim = Simulation.current();
      for (String name : new String[] {"first", "second"}) {
        sim.spawn(NodeId.of(name), "locker", () -> {
          waiting.set(true);
          lock.lock();
          try {
            sim.trace(name + " has the lock");
            sim.sleep(Duration.ofMillis(1));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            lock.unlock();
          }
        });
      }
      sim.sleep(Duration.ofSeconds(1));
    });
  }

  @Test
  void aLockARealThreadHoldsCostsTimeButNotTheTrace() throws Exception {
    SimResult free = lockTwice(new ReentrantLock(), new AtomicBoolean());
    assertThat(free.failure()).isNull();
    ReentrantLock lock = new ReentrantLock();
    CountDownLatch held = new CountDownLatch(1);
    AtomicBoolean waiting = new AtomicBoolean();
    Thread real = Thread.ofPlatform().daemon().start(() -> {
      lock.lock();
      held.countDown();
      while (!waiting.get()) {
        Thread.onSpinWait();
      }
      try {
        Thread.sleep(50); // a task parks on it meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      lock.unlock();
    });
    held.await();
    SimResult contended = lockTwice(lock, waiting);
    real.join();
    assertThat(contended.failure()).as(contended.report()).isNull();
    assertThat(contended.leaked()).isEmpty();
    assertThat(contended.traceSha256()).isEqualTo(free.traceSha256());
  }

  @Test
  void aLatchCountedDownByARealThreadIsNamed() throws Exception {
    CountDownLatch latch = new CountDownLatch(1);
    AtomicBoolean waiting = new AtomicBoolean();
    AtomicBoolean counted = new AtomicBoolean();
    Thread real = Thread.ofPlatform().daemon().start(() -> {
      while (!waiting.get()) {
        Thread.onSpinWait();
      }
      latch.countDown();
      counted.set(true);
    });
    SimResult result = Simulation.builder().seed(2).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("a"), "waiter", () -> {
        try {
          latch.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      sim.sleep(Duration.ofMillis(1)); // the waiter is parked in await now
      waiting.set(true);
      while (!counted.get()) {
        Thread.onSpinWait();
      }
      sim.sleep(Duration.ofSeconds(1));
    });
    real.join();
    assertThat(result.failure()).isNotNull();
    assertThat(result.failure().getMessage())
        .contains("A wake-up came from outside the simulation, for task #1 a/waiter")
        .contains("which waited on a java.util.concurrent.CountDownLatch at "
            + RealThreadReleaseTest.class.getName())
        .contains("Fix:");
  }
}
