package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Simulations side by side in one JVM (a sweep's {@code --jobs N}) whose code locks the same
 * static monitors across a park. A monitor another run's parked task holds is outside this run:
 * its step waits for the release, which is harmless while the other run goes on, but a deadlock
 * across runs never ends. It used to wait a minute of real time per run, then fail with "held
 * too long" naming no owner; now both runs fail at once, each naming the other's task and seed.
 */
class OtherRunsMonitorsTest {
  private static final Object FIRST = new Object();
  private static final Object SECOND = new Object();

  /** Takes {@code mine}, waits until both runs hold theirs, parks, then wants {@code theirs}. */
  private static SimResult lockInOrder(
      long seed, Object mine, Object theirs, AtomicInteger holding) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      synchronized (mine) {
        holding.incrementAndGet();
        while (holding.get() < 2) {
          Thread.onSpinWait(); // both runs hold their first monitor before either parks
        }
        sim.sleep(Duration.ofMillis(1)); // parks holding a static monitor
        synchronized (theirs) {
          sim.trace("both");
        }
      }
    });
  }

  @Test
  void aDeadlockAcrossRunsFailsBothNamingEachOther() throws Exception {
    AtomicInteger holding = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<SimResult> one = pool.submit(() -> lockInOrder(71, FIRST, SECOND, holding));
      Future<SimResult> two = pool.submit(() -> lockInOrder(72, SECOND, FIRST, holding));
      SimResult a = one.get();
      SimResult b = two.get();
      // the first to look sees the cycle; the other then finds the first ended with its monitor
      // still held (its task stays blocked on the other's: no interrupt ends a monitor entry)
      assertThat(a.failure()).as("seed 71").isNotNull();
      assertThat(b.failure()).as("seed 72").isNotNull();
      assertThat(a.failure().getMessage() + b.failure().getMessage())
          .contains("deadlock across simulations");
      for (SimResult failed : new SimResult[] {a, b}) {
        long otherSeed = failed == a ? 72 : 71;
        assertThat(failed.failure().getMessage())
            .contains("(seed " + failed.seed() + ") blocked entering synchronized")
            .contains("of another simulation in this JVM (seed " + otherSeed + ")")
            .contains("OtherRunsMonitorsTest")
            .contains("Fix:")
            .doesNotContain("not released within");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aMonitorAnotherRunReleasesCostsTimeButNotTheTrace() throws Exception {
    Object lock = new Object();
    SimResult alone = enterAfterHolder(41, lock, new AtomicInteger(1));
    AtomicInteger holding = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<SimResult> holder = pool.submit(() -> Simulation.builder().seed(9).build().run(() -> {
        Simulation sim = Simulation.current();
        synchronized (lock) {
          holding.incrementAndGet();
          sim.sleep(Duration.ofMillis(20)); // another run's task parks holding it, then lets go
        }
      }));
      Future<SimResult> waiter = pool.submit(() -> enterAfterHolder(41, lock, holding));
      assertThat(holder.get().failure()).isNull();
      SimResult beside = waiter.get();
      assertThat(beside.failure()).as(beside.report()).isNull();
      assertThat(beside.traceSha256()).isEqualTo(alone.traceSha256());
    } finally {
      pool.shutdownNow();
    }
  }

  private static SimResult enterAfterHolder(long seed, Object lock, AtomicInteger holding) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("b"), "beside", () -> {
        try {
          sim.sleep(Duration.ofMillis(2));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      while (holding.get() < 1) {
        Thread.onSpinWait();
      }
      synchronized (lock) {
        sim.trace("entered");
      }
      sim.sleep(Duration.ofMillis(3));
    });
  }
}
