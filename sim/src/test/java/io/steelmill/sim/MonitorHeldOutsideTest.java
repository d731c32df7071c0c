package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A monitor a thread outside the simulation holds (a class-loading lock, a logger's) costs a
 * step wall time and nothing else, however long the owner takes to let go: on a loaded machine
 * an owner that the scheduler leaves off its core holds it for far longer than it would alone,
 * and a wait cut at half a second failed that seed there and nowhere else, a trace that depends
 * on the machine's load. A monitor a parked task holds is still an escape at once.
 */
class MonitorHeldOutsideTest {
  /** Longer than the half second a step once waited for any monitor's owner. */
  private static final long HELD_MILLIS = 1_200;

  /** A lock a thread outside holds for {@code millis}, then releases; it ends by itself. */
  private static Object heldOutside(CountDownLatch held, long millis) {
    Object lock = new Object();
    Thread holder = new Thread(() -> {
      synchronized (lock) {
        held.countDown();
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    holder.setDaemon(true);
    holder.start();
    return lock;
  }

  private static SimResult enterTwice(Object lock) {
    return Simulation.builder().seed(5).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.spawn(io.steelmill.runtime.NodeId.of("b"), "beside", () -> {
        try {
          sim.sleep(Duration.ofMillis(2));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      sim.sleep(Duration.ofMillis(1));
      synchronized (lock) {
        sim.trace("entered");
      }
      sim.sleep(Duration.ofMillis(3));
    });
  }

  @Test
  void aMonitorHeldOutsideForLongCostsTimeButNotTheTrace() throws Exception {
    SimResult free = enterTwice(new Object());
    CountDownLatch held = new CountDownLatch(1);
    Object lock = heldOutside(held, HELD_MILLIS);
    held.await();
    SimResult blocked = enterTwice(lock); // a half-second limit fails this run: "held too long"

    assertThat(blocked.failure()).as(blocked.report()).isNull();
    assertThat(blocked.traceSha256()).isEqualTo(free.traceSha256());
  }

  @Test
  void aMonitorAParkedTaskHoldsIsStillAnEscapeAtOnce() {
    Object lock = new Object();
    SimResult result = Simulation.builder().seed(3).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.spawn(io.steelmill.runtime.NodeId.of("a"), "holder", () -> {
        synchronized (lock) {
          try {
            sim.sleep(Duration.ofMillis(5)); // parks inside: an escape for whoever waits
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      sim.sleep(Duration.ofMillis(1));
      synchronized (lock) {
        sim.trace("entered");
      }
    });
    assertThat(result.failure()).isNotNull();
    assertThat(result.failure().getMessage()).contains("blocked entering synchronized")
        .contains(" holds (it took it at");
  }
}
