package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A sweep's job runs its seeds on one kept carrier thread, and nothing of one seed reaches the
 * next: the same seed gives the same trace on a fresh carrier and on a kept one after other
 * seeds and after a failed run, escapes are caught on a kept carrier as on a fresh one, a carrier
 * is never shared by two jobs, and one whose run threw or that the watchdog abandoned is never
 * used again. Outside a sweep every run still gets a thread of its own.
 */
class CarrierThreadTest {
  private static final Duration BOUND = Duration.ofMinutes(2);
  /** How long a test waits for other tests' carriers to end before it gives up (skips). */
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private static SimResult workload(long seed) {
    return Simulation.builder().seed(seed).build().run(() -> Workload.run(4, 800));
  }

  /** Runs seed {@code seed} and answers the thread that carried it. */
  private static Thread carrierOf(long seed) {
    AtomicReference<Thread> carrier = new AtomicReference<>();
    SimResult result = Simulation.builder().seed(seed).build().run(() -> {
      carrier.set(Simulation.current().state.carrier);
      Simulation.current().sleep(Duration.ofMillis(5));
    });
    assertThat(result.failure()).as("seed %d", seed).isNull();
    return carrier.get();
  }

  @Test
  void outsideASweepEveryRunHasAThreadOfItsOwn() {
    assertThat(carrierOf(1)).isNotSameAs(carrierOf(2));
  }

  @Test
  void aKeepingCallersSeedsRunOnOneCarrierNamedForEachSeedWhichEndsWithIt() throws Exception {
    List<Thread> carriers = new ArrayList<>();
    List<String> names = new ArrayList<>();
    CarrierThread.keepWhile(() -> {
      for (long seed = 1; seed <= 3; seed++) {
        long s = seed;
        SimResult result = Simulation.builder().seed(seed).build().run(() -> {
          carriers.add(Simulation.current().state.carrier);
          names.add(Simulation.current().state.carrier.getName());
        });
        assertThat(result.failure()).as("seed %d", s).isNull();
      }
    });
    assertThat(carriers).hasSize(3).containsOnly(carriers.get(0));
    assertThat(names).containsExactly("steelmill-sim-carrier-1", "steelmill-sim-carrier-2",
        "steelmill-sim-carrier-3");
    carriers.get(0).join(BOUND.toMillis());
    assertThat(carriers.get(0).isAlive()).as("the kept carrier after keepWhile").isFalse();
  }

  @Test
  void aSeedGivesItsTraceOnAFreshCarrierAndOnAKeptOneAfterOthersAndAfterAFailure() {
    String alone = workload(42).traceSha256();
    CarrierThread.keepWhile(() -> {
      for (long other : new long[] {7, 8, 9}) {
        assertThat(workload(other).failure()).as("seed %d", other).isNull();
        assertThat(workload(42).traceSha256()).as("seed 42 after seed %d", other)
            .isEqualTo(alone);
      }
      SimResult failed = Simulation.builder().seed(6).build().run(() -> {
        throw new IllegalStateException("planted");
      });
      assertThat(failed.failure()).hasMessageContaining("planted");
      assertThat(workload(42).traceSha256()).as("seed 42 after a failed run").isEqualTo(alone);
    });
  }

  @Test
  void commonPoolWorkIsCaughtOnAKeptCarrierEveryTime() {
    CarrierThread.keepWhile(() -> {
      for (int run = 0; run < 3; run++) {
        SimResult result = Simulation.builder().seed(9).build().run(
            () -> CompletableFuture.supplyAsync(() -> 42).join());
        assertThat(result.failure()).as("run %d on one carrier", run).isNotNull();
        assertThat(result.failure().getMessage()).as("run %d", run)
            .containsAnyOf("outside the simulation", "common ForkJoinPool", "Hang");
        SimResult fireAndForget = Simulation.builder().seed(5).build().run(() -> {
          CompletableFuture.runAsync(() -> {});
          Simulation.current().sleep(Duration.ofMillis(10));
        });
        assertThat(fireAndForget.failure()).as("run %d, fire and forget", run).isNotNull()
            .hasMessageContaining("common ForkJoinPool");
      }
    });
  }

  @Test
  void jobsOfASweepNeverShareACarrier() {
    Map<Thread, Thread> carrierOfJob = new HashMap<>();
    Map<Thread, Thread> jobOfCarrier = new HashMap<>();
    List<Long> seeds = new ArrayList<>();
    for (long seed = 1; seed <= 24; seed++) {
      seeds.add(seed);
    }
    SeedSweep.run(seeds, 2, seed -> new Thread[] {Thread.currentThread(), carrierOf(seed)},
        pair -> {
          assertThat(carrierOfJob.computeIfAbsent(pair[0], job -> pair[1]))
              .as("the carrier of job %s", pair[0]).isSameAs(pair[1]);
          assertThat(jobOfCarrier.computeIfAbsent(pair[1], carrier -> pair[0]))
              .as("the job of carrier %s", pair[1]).isSameAs(pair[0]);
        },
        pair -> false);
    assertThat(carrierOfJob).hasSizeBetween(1, 2);
  }

  @Test
  void aCarrierWhoseLoopThrewIsNotUsedAgain() {
    CarrierThread.keepWhile(() -> {
      try {
        CarrierThread.Run broken = CarrierThread.start("steelmill-sim-carrier-test", () -> {
          Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> { });
          throw new IllegalStateException("the loop threw");
        });
        assertThat(broken.join(BOUND)).isTrue();
        broken.thread().join(BOUND.toMillis());
        assertThat(broken.thread().isAlive()).isFalse();
        CarrierThread.Run next = CarrierThread.start("steelmill-sim-carrier-next", () -> { });
        assertThat(next.join(BOUND)).isTrue();
        assertThat(next.thread()).isNotSameAs(broken.thread());
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void anAbandonedCarrierIsNotUsedAgain() {
    Object gate = new Object();
    CarrierThread.keepWhile(() -> {
      try {
        CarrierThread.Run stuck = CarrierThread.start("steelmill-sim-carrier-stuck", () -> {
          synchronized (gate) {
            try {
              gate.wait(BOUND.toMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
        assertThat(stuck.join(Duration.ofMillis(20))).isFalse();
        stuck.abandon();
        CarrierThread.Run next = CarrierThread.start("steelmill-sim-carrier-next", () -> { });
        assertThat(next.join(BOUND)).isTrue();
        assertThat(next.thread()).isNotSameAs(stuck.thread());
        synchronized (gate) {
          gate.notifyAll();
        }
        assertThat(stuck.join(BOUND)).isTrue();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void aKeptCarrierStartsEachRunAsANewThreadWould() throws Exception {
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      caller.submit(() -> CarrierThread.keepWhile(() -> {
        try {
          AtomicReference<String> name = new AtomicReference<>();
          AtomicReference<Boolean> interrupted = new AtomicReference<>();
          AtomicReference<ClassLoader> loader = new AtomicReference<>();
          CarrierThread.Run one = CarrierThread.start("steelmill-sim-carrier-a", () -> {
            Thread.currentThread().interrupt(); // left set: the next run must not see it
            Thread.currentThread().setContextClassLoader(null);
          });
          assertThat(one.join(BOUND)).isTrue();
          ClassLoader callers = new ClassLoader() { };
          Thread.currentThread().setContextClassLoader(callers);
          CarrierThread.Run two = CarrierThread.start("steelmill-sim-carrier-b", () -> {
            name.set(Thread.currentThread().getName());
            interrupted.set(Thread.currentThread().isInterrupted());
            loader.set(Thread.currentThread().getContextClassLoader());
          });
          assertThat(two.join(BOUND)).isTrue();
          assertThat(two.thread()).isSameAs(one.thread());
          assertThat(name.get()).isEqualTo("steelmill-sim-carrier-b");
          assertThat(interrupted.get()).isFalse();
          assertThat(loader.get()).isSameAs(callers);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      })).get();
    } finally {
      caller.shutdownNow();
    }
  }

  /** The threads alive now whose name is {@code name}. */
  private static List<Thread> threadsNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(name)).toList();
  }

  @Test
  void aKeptCarrierStartsBetweenTwoIdleSpacersThatEndWithIt() throws Exception {
    List<Thread> spacers = new ArrayList<>();
    AtomicReference<Thread> kept = new AtomicReference<>();
    CarrierThread.keepWhile(() -> {
      try {
        CarrierThread.Run run = CarrierThread.start("steelmill-sim-carrier-spaced", () -> { });
        assertThat(run.join(BOUND)).isTrue();
        kept.set(run.thread());
        spacers.addAll(threadsNamed("steelmill-sim-carrier-spaced-spacer"));
        assertThat(spacers).as("spacers while the carrier is kept").hasSize(2)
            .allSatisfy(spacer -> assertThat(spacer.isDaemon()).isTrue());
        CarrierThread.Run next = CarrierThread.start("steelmill-sim-carrier-next", () -> { });
        assertThat(next.join(BOUND)).isTrue();
        assertThat(threadsNamed("steelmill-sim-carrier-next-spacer"))
            .as("a kept carrier's next run starts no spacers").isEmpty();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    kept.get().join(BOUND.toMillis());
    for (Thread spacer : spacers) {
      spacer.join(BOUND.toMillis());
      assertThat(spacer.isAlive()).as("a spacer after its carrier ended").isFalse();
    }
  }

  @Test
  void aCarrierForOneRunAloneStartsNoSpacers() throws Exception {
    long until = System.nanoTime() + SETTLE.toNanos();
    while (CarrierSpacers.live() > 0 && System.nanoTime() < until) {
      Thread.sleep(10); // other tests' carriers end shortly after their runs
    }
    assumeTrue(CarrierSpacers.live() == 0, "a carrier another test left running");
    AtomicReference<List<Thread>> spacers = new AtomicReference<>();
    CarrierThread.Run run = CarrierThread.start("steelmill-sim-carrier-alone",
        () -> spacers.set(threadsNamed("steelmill-sim-carrier-alone-spacer")));
    assertThat(run.join(BOUND)).isTrue();
    assertThat(spacers.get()).as("spacers of a carrier for one run, alone").isEmpty();
  }

  @Test
  void aCarrierForOneRunBesideAnotherStartsBetweenSpacersThatEndWithIt() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    Runnable held = () -> {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    CarrierThread.Run other = CarrierThread.start("steelmill-sim-carrier-other", held);
    CarrierThread.Run run;
    List<Thread> spacers;
    try {
      run = CarrierThread.start("steelmill-sim-carrier-beside", held);
      spacers = threadsNamed("steelmill-sim-carrier-beside-spacer"); // both started by now
    } finally {
      hold.countDown();
    }
    assertThat(run.join(BOUND)).isTrue();
    assertThat(other.join(BOUND)).isTrue();
    assertThat(spacers).as("spacers of a carrier for one run beside another").hasSize(2);
    for (Thread spacer : spacers) {
      spacer.join(BOUND.toMillis());
      assertThat(spacer.isAlive()).as("a spacer after its carrier ended").isFalse();
    }
  }

  @Test
  void aHangBesideAnotherCarrierReportsWhatItReportsAlone() throws Exception {
    SimResult alone = JvmScenarios.run("latchHang", 7);
    CountDownLatch hold = new CountDownLatch(1);
    CarrierThread.Run other = CarrierThread.start("steelmill-sim-carrier-held", () -> {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    SimResult beside;
    try {
      beside = JvmScenarios.run("latchHang", 7); // its carrier starts between two spacers
    } finally {
      hold.countDown();
    }
    assertThat(other.join(BOUND)).isTrue();
    assertThat(beside.report()).as("the spacers are the simulator's own threads, not escapes")
        .doesNotContain("spacer").isEqualTo(alone.report());
    assertThat(beside.traceSha256()).isEqualTo(alone.traceSha256());
  }
}
