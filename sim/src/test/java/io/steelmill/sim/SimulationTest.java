package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class SimulationTest {

  private static SimResult run(long seed, Simulation.Body body) {
    return Simulation.builder().seed(seed).build().run(body);
  }

  @Test
  void sameSeedGivesTheSameTraceAndSeedsDiffer() {
    SimResult first = run(42, () -> Workload.run(5, 2_000));
    SimResult second = run(42, () -> Workload.run(5, 2_000));

    assertThat(first.failureCause()).isEmpty();
    assertThat(first.traceSha256()).matches("[0-9a-f]{64}").isEqualTo(second.traceSha256());
    assertThat(first.steps()).isEqualTo(second.steps());
    assertThat(first.virtualNanos()).isEqualTo(second.virtualNanos()).isPositive();
    assertThat(first.leaked()).isEmpty();

    Set<String> hashes = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      hashes.add(run(seed, () -> Workload.run(3, 200)).traceSha256());
    }
    assertThat(hashes).hasSize(20);
  }

  @Test
  void aFreshJvmGivesTheSameTrace() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process process =
        new ProcessBuilder(
                java, SelfTest.ADD_OPENS.split(" ")[0], SelfTest.ADD_OPENS.split(" ")[1],
                "-cp", System.getProperty("java.class.path"), Workload.class.getName(), "42")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String hash =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor()).isZero();

    assertThat(hash).isEqualTo(run(42, () -> Workload.run(5, 2_000)).traceSha256());
  }

  @Test
  void virtualTimeJumpsWhenNothingCanRun() {
    long[] seen = new long[1];
    SimResult result = run(7, () -> {
      Simulation.current().sleep(Duration.ofHours(1));
      seen[0] = Simulation.current().nanoTime();
    });
    assertThat(seen[0]).isEqualTo(Duration.ofHours(1).toNanos());
    assertThat(result.compression()).isGreaterThan(1_000);
  }

  @Test
  void promiseCycleIsReportedWithStacks() {
    SimResult result = run(1, () -> {
      CompletableFuture<String> a = new CompletableFuture<>();
      CompletableFuture<String> b = new CompletableFuture<>();
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("alice"), "waiter", () -> a.complete(b.join()));
      sim.spawn(NodeId.of("bob"), "waiter", () -> b.complete(a.join()));
      a.join();
    });
    assertThat(result.failure())
        .hasMessageContaining("Hang: nothing can run and nothing is pending")
        .hasMessageContaining("alice/waiter (node alice) WAITING")
        .hasMessageContaining("bob/waiter (node bob) WAITING")
        .hasMessageContaining("CompletableFuture.join");
  }

  @Test
  void lockOrderInversionIsReportedWithTheLocks() {
    SimResult result = run(3, () -> {
      ReentrantLock first = new ReentrantLock();
      ReentrantLock second = new ReentrantLock();
      Simulation sim = Simulation.current();
      CountDownLatch both = new CountDownLatch(2);
      Thread a = sim.spawn(NodeId.of("a"), "locker", () -> inOrder(first, second, both));
      Thread b = sim.spawn(NodeId.of("b"), "locker", () -> inOrder(second, first, both));
      a.join();
      b.join();
    });
    // reported when the cycle forms (issue 14 item 7), with the locks named stably
    assertThat(result.failure())
        .hasMessageContaining("Deadlock: 2 tasks wait on each other's locks")
        .hasMessageContaining("wants ReentrantLock#")
        .hasMessageContaining("SimulationTest.inOrder");
  }

  private static void inOrder(ReentrantLock one, ReentrantLock two, CountDownLatch both) {
    one.lock();
    try {
      both.countDown();
      both.await();
      two.lock();
      two.unlock();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      one.unlock();
    }
  }

  @Test
  void mailboxWithNoSenderIsReported() {
    SimResult result = run(4, () -> new LinkedBlockingQueue<String>().take());
    assertThat(result.failure())
        .hasMessageContaining("Hang")
        .hasMessageContaining("#0 main WAITING")
        .hasMessageContaining("LinkedBlockingQueue.take");
  }

  @Test
  void synchronizedOrderInversionIsReported() {
    Object left = new Object();
    Object right = new Object();
    SimResult result = run(5, () -> {
      Simulation sim = Simulation.current();
      CountDownLatch both = new CountDownLatch(2);
      Thread a = sim.spawn(NodeId.of("a"), "sync", () -> nested(left, right, both));
      Thread b = sim.spawn(NodeId.of("b"), "sync", () -> nested(right, left, both));
      a.join();
      b.join();
    });
    // the first task to block on the other's monitor is stopped there, before the cycle forms:
    // the JVM would hand the monitor over through its own thread (see EscapesTest)
    assertThat(result.failure())
        .hasMessageStartingWith("Escape: Task #")
        .hasMessageContaining("blocked entering synchronized on a java.lang.Object at")
        .hasMessageContaining("SimulationTest.nested(SimulationTest.java:")
        .hasMessageContaining("a/sync")
        .hasMessageContaining("b/sync");
  }

  @SuppressWarnings("SynchronizationOnLocalVariableOrMethodParameter")
  private static void nested(Object one, Object two, CountDownLatch both) {
    synchronized (one) {
      both.countDown();
      try {
        both.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      synchronized (two) {
        two.hashCode();
      }
    }
  }

  @Test
  void threadSleepSleepsInVirtualTime() {
    SimResult result = run(6, () -> Thread.sleep(10));
    assertThat(result.failure()).isNull();
    assertThat(result.virtualNanos()).isEqualTo(Duration.ofMillis(10).toNanos());
  }

  /** A lock an outside thread holds for a while, then releases; the thread ends by itself. */
  private static Object heldOutside(java.util.concurrent.CountDownLatch held) {
    Object lock = new Object();
    Thread holder = new Thread(() -> {
      synchronized (lock) {
        held.countDown();
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    holder.setDaemon(true);
    holder.start();
    return lock;
  }

  @Test
  void aMonitorHeldOutsideTheSimulationCostsTimeButNotTheSchedule() throws Exception {
    java.util.List<String> hashes = new java.util.ArrayList<>();
    for (boolean contended : new boolean[] {true, false}) {
      java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
      Object lock = contended ? heldOutside(held) : new Object();
      if (contended) {
        held.await(); // the outside thread holds it when the task asks for it
      }
      SimResult result = run(5, () -> {
        Simulation sim = Simulation.current();
        sim.sleep(java.time.Duration.ofMillis(1));
        synchronized (lock) { // a logger's lock, say, that a thread outside holds
          sim.sleep(java.time.Duration.ofMillis(1));
        }
      });
      assertThat(result.failure()).as("contended=" + contended).isNull();
      hashes.add(result.traceSha256());
    }
    assertThat(hashes.get(0)).as("blocked on the monitor or not, the same trace")
        .isEqualTo(hashes.get(1));
  }

  /**
   * An outside thread releases the monitor the moment the task blocks on it, so the JDK's
   * hand-off races the carrier's look at the task: 200 blocks in one run, each a monitor
   * hand-off and never a wake-up from outside, and the trace of a run whose monitor nobody held.
   */
  @Test
  void aMonitorReleasedAsTheTaskBlocksIsAHandOff() throws Exception {
    int rounds = 200;
    Object lock = new Object();
    java.util.concurrent.atomic.AtomicInteger holding =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger entered =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<Thread> task =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread holder = new Thread(() -> {
      for (int round = 1; round <= rounds; round++) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        synchronized (lock) {
          holding.set(round);
          while (task.get() == null || task.get().getState() != Thread.State.BLOCKED) {
            if (System.nanoTime() > deadline || entered.get() >= round) {
              return; // the run ended or failed: nothing to hand over
            }
            Thread.onSpinWait();
          }
        } // released as soon as the task is seen blocked
        while (entered.get() < round && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
      }
    });
    holder.setDaemon(true);
    holder.start();
    Simulation.Body body = () -> {
      Simulation sim = Simulation.current();
      task.set(Thread.currentThread());
      for (int round = 1; round <= rounds; round++) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (holding.get() < round && holder.isAlive() && System.nanoTime() < deadline) {
          Thread.onSpinWait(); // the outside thread takes the lock first: no park, no event
        }
        synchronized (lock) {
          entered.set(round);
        }
        sim.sleep(java.time.Duration.ofMillis(1));
      }
    };
    SimResult contended =
        Simulation.builder().seed(12).trace(Trace.Level.FULL).build().run(body);
    holder.join(30_000);
    assertThat(contended.failure()).isNull();
    assertThat(entered.get()).isEqualTo(rounds);
    holding.set(Integer.MAX_VALUE); // nobody holds the lock this time
    SimResult alone = Simulation.builder().seed(12).trace(Trace.Level.FULL).build().run(body);
    assertThat(alone.failure()).isNull();
    assertThat(alone.fullTrace()).as("the trace with the monitor held, then without")
        .containsExactlyElementsOf(contended.fullTrace());
    assertThat(alone.traceSha256()).isEqualTo(contended.traceSha256());
  }

  @Test
  void aPlatformThreadIsCaught() {
    SimResult result = run(8, () -> {
      CountDownLatch latch = new CountDownLatch(1);
      new Thread(() -> {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
        latch.countDown();
      }).start();
      latch.await();
    });
    assertThat(result.failure()).isNotNull();
    assertThat(result.failure().getMessage())
        .startsWith("Escape: Task #0 main started a platform thread (java.lang.Thread) at ")
        .contains("SimulationTest.lambda$aPlatformThreadIsCaught$")
        .contains("Fix:")
        .contains("Daemons");
  }

  @Test
  void commonPoolSupplyAsyncIsCaught() {
    SimResult result = run(9, () -> CompletableFuture.supplyAsync(() -> 42).join());
    assertThat(result.failure()).isNotNull();
    assertThat(result.failure().getMessage())
        .containsAnyOf("outside the simulation", "common ForkJoinPool", "Hang")
        .contains("Fix:");
  }

  @Test
  void aTaskDyingOfAnUncaughtErrorFailsTheRun() {
    SimResult result = run(13, () -> {
      Simulation sim = Simulation.current();
      sim.spawn(NodeId.of("n1"), "worker", () -> {
        throw new IllegalStateException("worker broke");
      });
      sim.sleep(Duration.ofSeconds(1));
    });
    assertThat(result.failure())
        .hasMessageContaining(
            "Task n1/worker died of an uncaught java.lang.IllegalStateException: worker broke");
  }

  @Test
  void touchingTheSimulationFromOutsideIsAClearError() {
    assertThatThrownBy(Simulation::current)
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("No simulation is running");
  }

  @Test
  void invariantsAreCheckedAfterEveryStep() {
    SimResult result = run(10, () -> {
      Simulation sim = Simulation.current();
      int[] balance = {10};
      sim.invariant("balance never negative", () -> {
        if (balance[0] < 0) {
          throw new IllegalStateException("balance is " + balance[0]);
        }
      });
      for (int i = 0; i < 20; i++) {
        balance[0] -= 1;
        sim.sleep(Duration.ofMillis(1));
      }
    });
    assertThat(result.failure())
        .hasMessageContaining("Invariant \"balance never negative\" failed at virtual time PT0.01S")
        .hasMessageContaining("balance is -1");
  }

  @Test
  void everyTaskIsUnwoundAtTheEnd() {
    SimResult result = run(11, () -> {
      Simulation sim = Simulation.current();
      for (int i = 0; i < 10; i++) {
        sim.spawn(NodeId.of("n" + i), "daemon", () -> {
          try {
            new LinkedBlockingQueue<String>().take();
          } catch (InterruptedException e) {
            // unwound
          }
        });
      }
      sim.sleep(Duration.ofSeconds(1));
    });
    assertThat(result.failure()).isNull();
    assertThat(result.leaked()).isEmpty();
  }

  @Test
  void virtualTimeLimitIsReported() {
    SimResult result =
        Simulation.builder().seed(12).maxVirtualTime(Duration.ofMinutes(1)).build()
            .run(() -> Simulation.current().sleep(Duration.ofHours(2)));
    assertThat(result.failure()).hasMessageContaining("passed its virtual time limit of PT1M");
  }

}
