package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The JDK's own timed waits, run in a simulated task, compute their deadlines from virtual time
 * (issue 14 item 2): each expires at exactly its virtual deadline, whatever real time passed, and
 * a race between a timed wait and a message is decided by the seed alone.
 */
class JdkTimedWaitsTest {
  private static final long TIMEOUT = Duration.ofMillis(50).toNanos();
  private static final Instant EPOCH = Instant.parse("2030-05-06T07:08:09.123456789Z");

  /** A body that returns what it measured. */
  private interface Measured {
    Object run(Simulation sim) throws Exception;
  }

  /** Runs {@code body} after one virtual second, returns (virtual time it took, its value). */
  private static List<Object> timed(long seed, Measured body) {
    List<Object> out = new ArrayList<>();
    SimResult result = Simulation.builder().seed(seed).epoch(EPOCH).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.sleep(Duration.ofSeconds(1));
      long start = sim.nanoTime();
      Object value = body.run(sim);
      out.add(sim.nanoTime() - start);
      out.add(value);
    });
    assertThat(result.failure()).as("seed %d", seed).isNull();
    return out;
  }

  private static void expiresAfterTheTimeout(String what, Measured body, Object expected) {
    for (long seed = 1; seed <= 3; seed++) {
      List<Object> out = timed(seed, body);
      assertThat(out.get(0)).as(what + " took (virtual ns), seed " + seed).isEqualTo(TIMEOUT);
      assertThat(out.get(1)).as(what + " returned, seed " + seed).isEqualTo(expected);
    }
  }

  /** Burns real time, as a slow machine or a debugger would, without touching virtual time. */
  private static void burnRealTime(long millis) {
    long end = realNanos() + millis * 1_000_000;
    while (realNanos() < end) {
      Thread.onSpinWait();
    }
  }

  private static long realNanos() {
    return ManagementClock.nanos();
  }

  @Test
  void conditionAwaitNanos() {
    expiresAfterTheTimeout("Condition.awaitNanos", sim -> {
      ReentrantLock lock = new ReentrantLock();
      var condition = lock.newCondition();
      lock.lock();
      try {
        return condition.awaitNanos(TIMEOUT) <= 0;
      } finally {
        lock.unlock();
      }
    }, true);
  }

  @Test
  void conditionAwaitUntilAWallClockDeadline() {
    // parkUntil turns the Date into a delay with System.currentTimeMillis: virtual here
    expiresAfterTheTimeout("Condition.awaitUntil", sim -> {
      ReentrantLock lock = new ReentrantLock();
      var condition = lock.newCondition();
      lock.lock();
      try {
        return condition.awaitUntil(new java.util.Date(System.currentTimeMillis()
            + TimeUnit.NANOSECONDS.toMillis(TIMEOUT)));
      } finally {
        lock.unlock();
      }
    }, false);
  }

  @Test
  void blockingQueuePoll() {
    for (BlockingQueue<String> queue :
        List.<BlockingQueue<String>>of(new LinkedBlockingQueue<>(), new ArrayBlockingQueue<>(1),
            new java.util.concurrent.SynchronousQueue<>(),
            new java.util.concurrent.LinkedTransferQueue<>(),
            new java.util.concurrent.PriorityBlockingQueue<>(),
            new java.util.concurrent.LinkedBlockingDeque<>())) {
      expiresAfterTheTimeout(queue.getClass().getSimpleName() + ".poll",
          sim -> queue.poll(TIMEOUT, TimeUnit.NANOSECONDS), null);
    }
  }

  @Test
  void threadJoinWithATimeout() {
    expiresAfterTheTimeout("Thread.join(Duration)", sim -> {
      Thread sleeper = sim.spawn(NodeId.of("n1"), "sleeper", () -> {
        try {
          sim.sleep(Duration.ofHours(1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      boolean ended = sleeper.join(Duration.ofNanos(TIMEOUT));
      sleeper.interrupt();
      return ended;
    }, false);
    expiresAfterTheTimeout("Thread.join(millis)", sim -> {
      Thread sleeper = sim.spawn(NodeId.of("n1"), "sleeper", () -> {
        try {
          sim.sleep(Duration.ofHours(1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      sleeper.join(TimeUnit.NANOSECONDS.toMillis(TIMEOUT));
      boolean alive = sleeper.isAlive();
      sleeper.interrupt();
      return alive;
    }, true);
  }

  @Test
  void completableFutureGetWithATimeout() {
    expiresAfterTheTimeout("CompletableFuture.get", sim -> {
      try {
        return new CompletableFuture<String>().get(TIMEOUT, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return "timed out";
      }
    }, "timed out");
  }

  @Test
  void latchesSemaphoresAndSleep() {
    expiresAfterTheTimeout("CountDownLatch.await",
        sim -> new CountDownLatch(1).await(TIMEOUT, TimeUnit.NANOSECONDS), false);
    expiresAfterTheTimeout("Semaphore.tryAcquire",
        sim -> new Semaphore(0).tryAcquire(TIMEOUT, TimeUnit.NANOSECONDS), false);
    expiresAfterTheTimeout("Thread.sleep", sim -> {
      Thread.sleep(Duration.ofNanos(TIMEOUT));
      return "slept";
    }, "slept");
    expiresAfterTheTimeout("TimeUnit.sleep", sim -> {
      TimeUnit.NANOSECONDS.sleep(TIMEOUT);
      return "slept";
    }, "slept");
  }

  @Test
  void aParkNanosLoopOnNanoTime() {
    expiresAfterTheTimeout("parkNanos loop", sim -> {
      long deadline = System.nanoTime() + TIMEOUT;
      int parks = 0;
      for (long left = TIMEOUT; left > 0; left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(left);
        parks++;
      }
      return parks;
    }, 1);
  }

  @Test
  void scheduledThreadPoolExecutorOnSimulatedThreads() {
    expiresAfterTheTimeout("ScheduledThreadPoolExecutor.schedule", sim -> {
      var executor = new ScheduledThreadPoolExecutor(1, sim.threadFactory("n1/scheduled"));
      try {
        AtomicLong ranAt = new AtomicLong(-1);
        var future = executor.schedule(() -> ranAt.set(sim.nanoTime()), TIMEOUT,
            TimeUnit.NANOSECONDS);
        future.get();
        return ranAt.get() == sim.nanoTime();
      } finally {
        executor.shutdownNow();
      }
    }, true);
  }

  @Test
  void clockReadsInATaskAreVirtualAndOutsideReal() {
    List<Object> out = timed(7, sim -> {
      LongSupplier reference = System::nanoTime; // a method reference is rewritten too
      return List.of(System.nanoTime(), reference.getAsLong(), System.currentTimeMillis(),
          Instant.now(), java.time.Clock.systemUTC().instant(), new java.util.Date().getTime(),
          java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).toString());
    });
    long oneSecond = Duration.ofSeconds(1).toNanos();
    Instant virtualNow = EPOCH.plusNanos(oneSecond);
    assertThat(out.get(1)).isEqualTo(List.of(oneSecond, oneSecond, virtualNow.toEpochMilli(),
        virtualNow, virtualNow, virtualNow.toEpochMilli(),
        java.time.LocalDateTime.ofInstant(virtualNow, java.time.ZoneOffset.UTC).toString()));
    // this thread is not simulated: the real clocks
    assertThat(Instant.now()).isAfter(Instant.parse("2026-01-01T00:00:00Z"))
        .isBefore(EPOCH);
    assertThat(Math.abs(System.currentTimeMillis() - Instant.now().toEpochMilli()))
        .isLessThan(60_000);
  }

  /**
   * The race of issue 14: a timed poll against a message sent at the same virtual instant. The
   * outcome and the trace depend on the seed only, not on how much real time the task burned.
   */
  @Test
  void aTimedPollRacingASendIsDecidedByTheSeedAlone() {
    java.util.Set<Object> outcomes = new java.util.HashSet<>();
    for (long seed = 1; seed <= 12; seed++) {
      List<String> seen = new ArrayList<>();
      for (long burn : new long[] {0, 3, 0, 7}) {
        List<Object> out = new ArrayList<>();
        SimResult result = Simulation.builder().seed(seed).build().run(() -> {
          Simulation sim = Simulation.current();
          BlockingQueue<String> queue = new LinkedBlockingQueue<>();
          Thread sender = sim.spawn(NodeId.of("n2"), "sender", () -> {
            try {
              sim.sleep(Duration.ofMillis(100));
              queue.put("ping");
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
          Thread poller = sim.spawn(NodeId.of("n1"), "poller", () -> {
            try {
              burnRealTime(burn);
              String got = queue.poll(100, TimeUnit.MILLISECONDS);
              sim.trace("poll gave " + got);
              out.add(got);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
          sender.join();
          poller.join();
        });
        assertThat(result.failure()).as("seed %d", seed).isNull();
        seen.add(out.get(0) + " " + result.traceSha256());
        outcomes.add(out.get(0));
      }
      assertThat(seen).as("seed %d: outcome and trace hash, with 0/3/0/7 ms of real time burnt",
          seed).containsOnly(seen.get(0));
    }
    assertThat(outcomes).as("the seed decides the race both ways").hasSize(2);
  }

  /** Real time for the test's own measurements: the JVM's uptime, which nothing rewrites. */
  private static final class ManagementClock {
    private static final java.lang.management.RuntimeMXBean RUNTIME =
        java.lang.management.ManagementFactory.getRuntimeMXBean();

    static long nanos() {
      return RUNTIME.getUptime() * 1_000_000;
    }
  }
}
