package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The red team of 2026-12-01 (redteam15b) against issue 14's promise that a real thread is
 * caught the moment a task reaches it. The thread-start check sees a real thread only when the
 * task's own call starts it; a real thread that already runs was reached silently:
 *
 * <ul>
 *   <li>{@code CompletableFuture.orTimeout}, {@code completeOnTimeout}, {@code delayedExecutor}
 *       and {@code ForkJoinPool.schedule}: once anything in the JVM had used them, the JDK's delay
 *       thread ran already; the timeout then fired in real time, so one seed's runs passed,
 *       failed with "a wake-up came from outside" or passed at another virtual time;
 *   <li>a {@code java.util.Timer} made before the run: its task ran in real time, and the run
 *       passed with a 100 ms wait that took no virtual time;
 *   <li>a thread pool made before the run (a static field): work given to it ran on its real
 *       threads; a fire-and-forget {@code execute} passed silently, a timed wait on a scheduled
 *       pool's future passed with a different trace hash from run to run; a static {@code
 *       ForkJoinPool} (or work-stealing pool) passed one run and failed the next, with "a wake-up
 *       came from outside" or a hang.
 * </ul>
 *
 * Each is now an escape when the task hands the work over: the same message and trace hash every
 * run, whatever the JVM ran before. Pools the run makes itself with virtual threads still work.
 */
class EscapesRedTeam15bTest {
  private static final java.util.Timer TIMER = new java.util.Timer("made-before-the-run", true);
  private static ExecutorService pool;
  private static ScheduledExecutorService scheduled;
  private static ForkJoinPool forkJoin;
  private static ExecutorService workStealing;

  /** What the JVM ran before the runs: the JDK's delay thread and the pools' threads started. */
  @BeforeAll
  static void warmUp() throws Exception {
    CompletableFuture.supplyAsync(() -> "warm",
        CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS, Runnable::run)).get();
    TIMER.schedule(new TimerTask() {
      @Override
      public void run() {}
    }, 1);
    pool = Executors.newFixedThreadPool(2);
    pool.submit(() -> 1).get();
    scheduled = Executors.newScheduledThreadPool(1);
    scheduled.schedule(() -> 1, 1, TimeUnit.MILLISECONDS).get();
    forkJoin = new ForkJoinPool(2);
    forkJoin.submit(() -> 1).get();
    workStealing = Executors.newWorkStealingPool(2);
    workStealing.submit(() -> 1).get();
  }

  @AfterAll
  static void stop() {
    TIMER.cancel();
    pool.shutdownNow();
    scheduled.shutdownNow();
    forkJoin.shutdownNow();
    workStealing.shutdownNow();
  }

  interface Reach {
    Object reach() throws Exception;
  }

  static Map<String, Reach> reaches() {
    Map<String, Reach> cases = new LinkedHashMap<>();
    cases.put("CompletableFuture.orTimeout", () -> {
      CompletableFuture<String> future = new CompletableFuture<>();
      future.orTimeout(100, TimeUnit.MILLISECONDS);
      try {
        return future.get();
      } catch (ExecutionException e) {
        return e.getCause().getClass().getSimpleName();
      }
    });
    cases.put("CompletableFuture.completeOnTimeout", () -> new CompletableFuture<String>()
        .completeOnTimeout("late", 100, TimeUnit.MILLISECONDS).get());
    cases.put("CompletableFuture.delayedExecutor", () -> CompletableFuture.supplyAsync(() -> "d",
        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS, Runnable::run)).get());
    // a ScheduledExecutorService since JDK 25 (this module compiles for 21)
    cases.put("ForkJoinPool.schedule", () -> ((ScheduledExecutorService) (Object) ForkJoinPool
        .commonPool()).schedule(() -> "s", 100, TimeUnit.MILLISECONDS).get());
    cases.put("a Timer made before the run", () -> {
      CountDownLatch done = new CountDownLatch(1);
      TIMER.schedule(new TimerTask() {
        @Override
        public void run() {
          done.countDown();
        }
      }, 100);
      done.await();
      return "timer";
    });
    cases.put("a static pool's submit", () -> pool.submit(() -> "p").get());
    cases.put("a static pool's execute, not waited for", () -> {
      pool.execute(() -> {});
      return "p";
    });
    cases.put("a static scheduled pool, a timed get", () -> {
      try {
        return scheduled.schedule(() -> "s", 100, TimeUnit.MILLISECONDS)
            .get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return "timed out";
      }
    });
    cases.put("a static ForkJoinPool's submit", () -> forkJoin.submit(() -> "f").get());
    cases.put("a static ForkJoinPool's invoke", () -> forkJoin.invoke(
        java.util.concurrent.ForkJoinTask.adapt(() -> "i")));
    cases.put("a static work-stealing pool", () -> workStealing.submit(() -> "w").get());
    cases.put("a static ForkJoinPool under supplyAsync", () ->
        CompletableFuture.supplyAsync(() -> "c", forkJoin).get());
    return cases;
  }

  static List<String> names() {
    return List.copyOf(reaches().keySet());
  }

  /** The failure message (with the trace hash) of seed 42 with {@code reach} in a task. */
  private static String run(Reach reach) {
    SimResult result = Simulation.builder().seed(42).build().run(() -> {
      Simulation sim = Simulation.current();
      Thread task = sim.spawn(NodeId.of("n1"), "worker", () -> {
        try {
          sim.sleep(Duration.ofMillis(5));
          sim.trace("got " + reach.reach());
        } catch (Exception e) {
          sim.trace("threw " + e.getClass().getName());
        }
      });
      task.join();
    });
    return (result.failure() == null ? "passed" : result.failure().getMessage()) + "\n"
        + result.traceSha256();
  }

  @ParameterizedTest
  @MethodSource("names")
  void aRealThreadThatRunsAlreadyIsAnEscapeWhenReached(String name) {
    Reach reach = reaches().get(name);
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(run(reach));
    }
    assertThat(runs.get(0)).as(name).startsWith("Escape: Task #1 n1/worker ")
        .contains("EscapesRedTeam15bTest.lambda$reaches$", "at virtual time PT0.005S", "Fix: ");
    assertThat(runs).as(name + ": the same message and hash every run").containsOnly(runs.get(0));
    String expected = name.startsWith("a Timer") ? "scheduled a task on a java.util.Timer"
        : name.startsWith("a static") ? "made outside this run (before it, or by a static"
            + " initializer)"
        : "scheduled a delayed action on a ForkJoinPool";
    assertThat(runs.get(0)).as(name).contains(expected);
  }

  static Map<String, Reach> timedWaits() {
    Map<String, Reach> cases = new LinkedHashMap<>();
    cases.put("Thread.sleep", () -> {
      Thread.sleep(100);
      return "slept";
    });
    cases.put("Thread.sleep(Duration)", () -> {
      Thread.sleep(Duration.ofMillis(100));
      return "slept";
    });
    cases.put("LockSupport.parkNanos", () -> {
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
      return "parked";
    });
    cases.put("BlockingQueue.poll(timeout)", () ->
        new java.util.concurrent.LinkedBlockingQueue<String>().poll(100, TimeUnit.MILLISECONDS));
    cases.put("Condition.await(timeout)", () -> {
      java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
      lock.lock();
      try {
        return lock.newCondition().await(100, TimeUnit.MILLISECONDS);
      } finally {
        lock.unlock();
      }
    });
    cases.put("CompletableFuture.get(timeout)", () -> {
      try {
        return new CompletableFuture<String>().get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return "timed out";
      }
    });
    return cases;
  }

  static List<String> timedWaitNames() {
    return List.copyOf(timedWaits().keySet());
  }

  /**
   * A timer action runs on the carrier, where virtual time stands still: a sleep in one took
   * real time and the run passed; a timed poll, await or get never ended (its deadline reads the
   * frozen clock), until the watchdog reported the carrier pinned "for PT23.4S", a real duration
   * that differed every run. Each is an escape when the wait starts; a task's waits stay virtual.
   */
  @ParameterizedTest
  @MethodSource("timedWaitNames")
  void aTimedWaitInATimerActionIsAnEscape(String name) {
    Reach wait = timedWaits().get(name);
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SimResult result = Simulation.builder().seed(3).build().run(() -> {
        Simulation sim = Simulation.current();
        sim.schedule(1_000_000, () -> {
          try {
            sim.trace("waited: " + wait.reach());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        sim.sleep(Duration.ofMillis(500));
      });
      runs.add(result.failure() + "\n" + result.traceSha256());
    }
    assertThat(runs.get(1)).as(name).isEqualTo(runs.get(0));
    assertThat(runs.get(0)).as(name).contains("Escape: A timer action (Simulation.schedule)"
        + " waited with a timeout", "EscapesRedTeam15bTest.lambda$timedWaits$",
        "at virtual time PT0.001S", "Fix: wait in a task");
    // in a task, the same wait is virtual
    SimResult inTask = Simulation.builder().seed(3).build().run(() -> {
      Simulation.current().trace("waited: " + wait.reach());
    });
    assertThat(inTask.failure()).as(name).isNull();
    assertThat(inTask.virtualTime()).as(name).isEqualTo(Duration.ofMillis(100));
  }

  /**
   * A wait for nothing is no wait: {@code Thread.sleep(0)} and {@code parkNanos(0)}, which
   * libraries call to yield, return at once on the carrier too, so a timer action may call them.
   */
  @Test
  void aWaitForNothingInATimerActionIsNoEscape() {
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SimResult result = Simulation.builder().seed(3).build().run(() -> {
        Simulation sim = Simulation.current();
        sim.schedule(1_000_000, () -> {
          try {
            Thread.sleep(0);
            Thread.sleep(Duration.ZERO);
            java.util.concurrent.locks.LockSupport.parkNanos(0);
            java.util.concurrent.locks.LockSupport.parkNanos(this, -5);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          sim.trace("yielded");
        });
        sim.sleep(Duration.ofMillis(500));
      });
      assertThat(result.failure()).isNull();
      hashes.add(result.traceSha256());
    }
    assertThat(hashes.get(1)).isEqualTo(hashes.get(0));
  }

  /** A pool the run makes, on the run's own virtual threads, is the run's: it still works. */
  @Test
  void poolsMadeInTheRunWithVirtualThreadsStayInside() {
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SimResult result = Simulation.builder().seed(7).build().run(() -> {
        ScheduledThreadPoolExecutor own =
            new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().factory());
        ExecutorService fixed = Executors.newFixedThreadPool(2, Thread.ofVirtual().factory());
        try {
          assertThat(own.schedule(() -> "s", 100, TimeUnit.MILLISECONDS).get()).isEqualTo("s");
          assertThat(fixed.submit(() -> "f").get()).isEqualTo("f");
          assertThat(Simulation.current().nanoTime()).isEqualTo(100_000_000L);
        } finally {
          own.shutdownNow();
          fixed.shutdownNow();
        }
      });
      assertThat(result.failure()).isNull();
      hashes.add(result.traceSha256());
    }
    assertThat(hashes.get(1)).isEqualTo(hashes.get(0));
  }
}
