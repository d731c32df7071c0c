package io.steelmill.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.NodeState;
import io.steelmill.runtime.NodeStoppingException;
import io.steelmill.runtime.Phase;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.SplitMix64;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/**
 * Red-team probes of shapes the generated battery does not make: hostile exceptions (a message
 * or {@code toString()} that throws, cycles of causes and suppressed, real stack overflows),
 * faults in an ambient daemon shared by hosts, a lease child stopping its parent, closers racing
 * a start from many threads, misuse of the API, and the caller's MDC after failures.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LifecycleProbeTest {
  /**
   * Real time: long enough that a daemon that is not hung is never reported as hung on a loaded
   * machine; only the one test with a run() that ignores its stop waits it out.
   */
  private static final Duration GRACE = Duration.ofSeconds(1);
  private static final long SEED = 0xBADC0DEL;

  @AfterEach
  void resetAmbientProbe() {
    Probe.current = new Probe();
  }

  /** Builds a standalone host {@code h} over {@code probe} (its private ambient uses it too). */
  private static SteelmillProbed host(Probe probe) {
    Probe.current = probe;
    SteelmillProbed node = SteelmillProbed.create("h");
    node.setGracePeriod(GRACE);
    node.inject(Probe.class, probe);
    node.p1();
    return node;
  }

  // ---- hostile exceptions -----------------------------------------------------------------

  /** Exceptions that break whoever reports them. */
  private static final Map<String, Supplier<Throwable>> NASTY = Map.of(
      "getMessage throws", () -> new IllegalStateException() {
        @Override
        public String getMessage() {
          throw new UnsupportedOperationException("no message for you");
        }
      },
      "toString throws", () -> new IllegalStateException("x") {
        @Override
        public String toString() {
          throw new UnsupportedOperationException("no toString for you");
        }
      },
      "null message", () -> new RuntimeException((String) null),
      "cycle of causes", LifecycleProbeTest::causeCycle,
      "cycle of suppressed", LifecycleProbeTest::suppressedCycle,
      "stack overflow", LifecycleProbeTest::realStackOverflow,
      "out of memory", () -> new OutOfMemoryError("pretend"));

  private static Throwable causeCycle() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    return a;
  }

  private static Throwable suppressedCycle() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b");
    a.addSuppressed(b);
    b.addSuppressed(a);
    return a;
  }

  private static Throwable realStackOverflow() {
    try {
      return recurse(0) == 0 ? null : null;
    } catch (StackOverflowError e) {
      return e;
    }
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @Test
  void hostileExceptionsInEveryPhaseAreReportedOnceNamedAndEveryDaemonStopsOnce() {
    int cases = 0;
    for (String phase : List.of("prepare", "run", "stop")) {
      for (String daemon : List.of("A", "P0", "P1")) {
        for (Map.Entry<String, Supplier<Throwable>> nasty : new java.util.TreeMap<>(NASTY)
            .entrySet()) {
          String label = daemon + " " + phase + " " + nasty.getKey();
          Throwable error = nasty.getValue().get();
          Probe probe = new Probe().on(daemon, phase, () -> sneaky(error));
          SteelmillProbed node = host(probe);
          List<Throwable> thrown = new ArrayList<>();
          try (node) {
            node.start();
          } catch (Throwable e) {
            thrown.add(e);
          }
          checkOneReport(label, thrown, daemon, phase, error);
          checkStopsOnceInReverse(label, probe, daemon, phase);
          assertThat(node.state()).as(label).isEqualTo(NodeState.FAILED);
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(63);
  }

  private static void checkOneReport(
      String label, List<Throwable> thrown, String daemon, String phase, Throwable error) {
    assertThat(thrown).as(label).hasSize(1);
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    List<Throwable> queue = new ArrayList<>(thrown);
    List<FactoryException> reports = new ArrayList<>();
    while (!queue.isEmpty()) {
      Throwable next = queue.remove(0);
      assertThat(seen.put(next, true)).as(label + ": reported twice").isNull();
      assertThat(next).as(label).isInstanceOf(FactoryException.class);
      reports.add((FactoryException) next);
      queue.addAll(List.of(next.getSuppressed()));
    }
    assertThat(reports).as(label).hasSize(1);
    FactoryException report = reports.get(0);
    assertThat(report.daemon()).as(label).isEqualTo("Probed." + daemon);
    assertThat(report.phase()).as(label).isEqualTo(Phase.valueOf(phase.toUpperCase()));
    assertThat(report.getCause()).as(label).isSameAs(error);
    assertThat(report.getMessage()).as(label)
        .contains("Daemon Probed." + daemon + " of node \"" + report.node() + "\" failed");
  }

  /** Each daemon whose prepare() returned is stopped once, in reverse; no other is. */
  private static void checkStopsOnceInReverse(
      String label, Probe probe, String daemon, String phase) {
    List<String> prepared = new ArrayList<>(probe.entered("prepare"));
    if (phase.equals("prepare")) {
      prepared.remove(daemon);
    }
    Collections.reverse(prepared);
    assertThat(probe.entered("stop")).as(label).isEqualTo(prepared);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneaky(Throwable error) throws E {
    throw (E) error;
  }

  @Test
  void hostileExceptionsReplayIdenticallyUnderSimulation() {
    for (String phase : List.of("prepare", "run", "stop")) {
      List<String> hashes = new ArrayList<>();
      List<String> reports = new ArrayList<>();
      for (int run = 0; run < 2; run++) {
        SimResult result = Simulation.builder().seed(SEED).build().run(() -> {
          Probe probe = new Probe().on("P0", phase, () -> sneaky(causeCycle()));
          SteelmillProbed node = host(probe);
          try (node) {
            node.start();
            Simulation.current().sleep(Duration.ofMillis(10));
          } catch (FactoryException e) {
            reports.add(Simulation.current().nanoTime() + " " + e.daemon() + " " + e.phase());
            Simulation.current().trace("reported " + e.daemon() + " " + e.phase());
          }
        });
        assertThat(result.failure()).as(phase).isNull();
        hashes.add(result.traceSha256());
      }
      assertThat(reports).as(phase).hasSize(2);
      assertThat(reports.get(1)).as(phase).isEqualTo(reports.get(0));
      assertThat(hashes.get(1)).as(phase).isEqualTo(hashes.get(0));
    }
  }

  // ---- the tree: an ambient daemon shared by hosts, a lease child -----------------------------

  @Test
  void aSharedAmbientDaemonFailingInRunStopsEveryHostAndIsReportedOnceByTheAmbient()
      throws Exception {
    CountDownLatch failNow = new CountDownLatch(1);
    Probe probe = new Probe().on("A", "run", () -> {
      failNow.await();
      throw new IllegalStateException("registry lost");
    });
    Probe.current = probe;
    SteelmillProbed.Ambient ambient = SteelmillProbed.ambient();
    ambient.setGracePeriod(GRACE);
    List<SteelmillProbed> hosts = new ArrayList<>();
    for (String name : List.of("alice", "bob")) {
      SteelmillProbed host = ambient.node(name);
      host.inject(Probe.class, probe);
      host.p1();
      host.start();
      hosts.add(host);
    }
    failNow.countDown();
    assertThat(ambient.awaitTermination(Duration.ofMinutes(1))).isTrue();
    for (SteelmillProbed host : hosts) {
      assertThat(host.awaitTermination(Duration.ofMinutes(1))).isTrue();
      host.close(); // the failure is the ambient's, reported there
    }
    assertThatThrownBy(ambient::close).isInstanceOfSatisfying(FactoryException.class, e -> {
      assertThat(e.daemon()).isEqualTo("Probed.A");
      assertThat(e.phase()).isEqualTo(Phase.RUN);
      assertThat(e.getSuppressed()).isEmpty();
    });
    ambient.close(); // nothing new to say
    // the ambient stops its hosts side by side (each on its own stopping thread), so their stops
    // interleave: each host stops P1 before P0 (every prefix has no more P0 than P1), and the
    // ambient's own daemon stops after both hosts
    List<String> stopped = probe.entered("stop");
    assertThat(stopped).hasSize(5).endsWith("A");
    assertThat(stopped.subList(0, 4)).containsExactlyInAnyOrder("P1", "P0", "P1", "P0");
    int p1 = 0;
    for (String daemon : stopped.subList(0, 4)) {
      p1 += daemon.equals("P1") ? 1 : -1;
      assertThat(p1).as("a host stopped P0 before P1: %s", stopped).isNotNegative();
    }
  }

  @Test
  void aSharedAmbientDaemonFailingInPrepareFailsTheFirstHostAndRefusesTheSecond() {
    Probe probe = new Probe().on("A", "prepare", () -> {
      throw new IllegalStateException("no registry");
    });
    Probe.current = probe;
    SteelmillProbed.Ambient ambient = SteelmillProbed.ambient();
    ambient.setGracePeriod(GRACE);
    SteelmillProbed alice = ambient.node("alice");
    alice.inject(Probe.class, probe);
    alice.p1();
    SteelmillProbed bob = ambient.node("bob");
    bob.inject(Probe.class, probe);
    bob.p1();

    assertThatThrownBy(alice::start).isInstanceOfSatisfying(FactoryException.class, e -> {
      assertThat(e.daemon()).isEqualTo("Probed.A");
      assertThat(e.phase()).isEqualTo(Phase.PREPARE);
    });
    assertThatThrownBy(bob::start).isInstanceOf(RuntimeException.class)
        .hasMessageContaining("bob");
    alice.close();
    bob.close();
    ambient.close(); // thrown once already, by alice's start()
    assertThat(probe.entered("prepare")).containsExactly("A");
    assertThat(probe.entered("stop")).isEmpty();
  }

  @Test
  void aLeaseClosingItsParentFromRunStopsTheTreeOnceWithoutWaitingForItself() throws Exception {
    Probe probe = new Probe();
    SteelmillProbed host = host(probe);
    host.start();
    SteelmillProbed_Lease lease = SteelmillProbed_Lease.create(host, "lease");
    probe.on("C", "run", host::close);
    lease.c();
    lease.start();
    assertThat(host.awaitTermination(Duration.ofMinutes(1))).isTrue();
    host.close();
    assertThat(host.failure()).isEmpty();
    assertThat(lease.state()).isEqualTo(NodeState.TERMINATED);
    assertThat(probe.entered("stop")).containsExactly("C", "P1", "P0", "A");
  }

  /**
   * Repeated: the parent's stopper thread used to race the lease's start, which then sometimes
   * ended RUNNING (the stop came after prepare); the start now checks its ancestors itself.
   */
  @RepeatedTest(25)
  void aLeaseClosingItsParentFromPrepareIsCancelledAndTheTreeStopsOnce() {
    Probe probe = new Probe();
    SteelmillProbed host = host(probe);
    host.start();
    SteelmillProbed_Lease lease = SteelmillProbed_Lease.create(host, "lease");
    probe.on("C", "prepare", host::close);
    lease.c();
    assertThatThrownBy(lease::start).isInstanceOf(NodeStoppingException.class);
    host.close();
    assertThat(host.failure()).isEmpty();
    assertThat(probe.entered("stop")).containsExactly("C", "P1", "P0", "A");
  }

  @Test
  void aLeaseFailingInStopWhileItsParentStopsIsReportedOnceByTheParent() {
    Probe probe = new Probe().on("C", "stop", () -> {
      throw new IllegalStateException("lease stop broke");
    });
    SteelmillProbed host = host(probe);
    host.start();
    SteelmillProbed_Lease lease = SteelmillProbed_Lease.create(host, "lease");
    lease.c();
    lease.start();
    assertThatThrownBy(host::close).isInstanceOfSatisfying(FactoryException.class, e -> {
      assertThat(e.node()).isEqualTo("lease");
      assertThat(e.daemon()).isEqualTo("Probed.C");
      assertThat(e.phase()).isEqualTo(Phase.STOP);
    });
    lease.close(); // the same error: thrown already
    assertThat(probe.entered("stop")).containsExactly("C", "P1", "P0", "A");
  }

  @Test
  void lookingAtTheFailureBeforeCloseNeverMakesAnErrorReportedTwice() throws Exception {
    CountDownLatch startReturned = new CountDownLatch(1);
    Probe probe = new Probe()
        .on("P1", "prepare", () -> {
          throw new IllegalStateException("P1 cannot prepare");
        })
        .on("A", "stop", () -> {
          startReturned.await(100, TimeUnit.MILLISECONDS); // fails after start() threw
          throw new IllegalStateException("A cannot stop");
        });
    SteelmillProbed node = host(probe);
    List<Throwable> thrown = new ArrayList<>();
    try {
      node.start();
    } catch (FactoryException e) {
      thrown.add(e);
    }
    startReturned.countDown();
    assertThat(node.parent().orElseThrow().awaitTermination(Duration.ofMinutes(1))).isTrue();
    assertThat(node.failure()).isPresent(); // observing: must not change what was thrown
    try {
      node.close();
    } catch (FactoryException e) {
      thrown.add(e);
    }
    checkEachOnce(thrown, 2);
    assertThat(probe.entered("stop")).containsExactly("P0", "A");
  }

  /** {@code thrown} and their suppressed hold {@code expected} errors, none twice. */
  private static void checkEachOnce(List<Throwable> thrown, int expected) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    List<Throwable> queue = new ArrayList<>(thrown);
    while (!queue.isEmpty()) {
      Throwable next = queue.remove(0);
      assertThat(seen.put(next, true)).as("reported twice: " + next).isNull();
      queue.addAll(List.of(next.getSuppressed()));
    }
    assertThat(seen).hasSize(expected);
  }

  // ---- threads ----------------------------------------------------------------------------

  @Test
  void closeFromAThreadTheDaemonStartedReturnsAndStopsEverythingOnce() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    Probe probe = new Probe();
    SteelmillProbed node = host(probe);
    probe.on("P1", "run", () -> Thread.ofPlatform().start(() -> {
      node.close();
      closed.countDown();
    }));
    node.start();
    assertThat(closed.await(1, TimeUnit.MINUTES)).isTrue();
    assertThat(node.state()).isEqualTo(NodeState.TERMINATED);
    assertThat(probe.entered("stop")).containsExactly("P1", "P0", "A");
  }

  @Test
  void manyClosersRacingAStartEachReturnAndEveryDaemonStopsOnce() throws Exception {
    SplitMix64 random = new SplitMix64(SEED);
    for (int round = 0; round < 40; round++) {
      String label = "seed " + SEED + " round " + round;
      Probe probe = new Probe();
      SteelmillProbed node = host(probe);
      int closers = 2 + random.nextInt(7);
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < closers; i++) {
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            go.await();
            node.close();
          } catch (Throwable e) {
            unexpected.add(e);
          }
        }));
      }
      go.countDown();
      try {
        node.start();
      } catch (IllegalStateException expected) {
        // a closer came first: cancelled (NodeStoppingException), or no longer NEW
      }
      for (Thread thread : threads) {
        thread.join(TimeUnit.MINUTES.toMillis(1));
        assertThat(thread.isAlive()).as(label).isFalse();
      }
      node.close();
      assertThat(unexpected).as(label).isEmpty();
      assertThat(node.state()).as(label).isEqualTo(NodeState.TERMINATED);
      List<String> prepared = new ArrayList<>(probe.entered("prepare"));
      Collections.reverse(prepared);
      assertThat(probe.entered("stop")).as(label).isEqualTo(prepared);
    }
  }

  @Test
  void closersRacingAStartReplayIdenticallyAndStopEachDaemonOnceUnderSimulation() {
    SplitMix64 random = new SplitMix64(SEED);
    for (int round = 0; round < 10; round++) {
      long seed = random.nextLong();
      int closers = 2 + random.nextInt(6);
      List<String> hashes = new ArrayList<>();
      List<List<String>> stops = new ArrayList<>();
      for (int run = 0; run < 2; run++) {
        SimResult result = Simulation.builder().seed(seed).build().run(() -> {
          Simulation sim = Simulation.current();
          Probe probe = new Probe().on("P0", "prepare", () -> sim.sleep(Duration.ofMillis(3)));
          SteelmillProbed node = host(probe);
          List<Thread> tasks = new ArrayList<>();
          for (int i = 0; i < closers; i++) {
            Duration after = Duration.ofMillis(i);
            tasks.add(sim.spawn("closer-" + i, () -> {
              try {
                sim.sleep(after);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              node.close();
            }));
          }
          try {
            node.start();
          } catch (IllegalStateException cancelled) {
            sim.trace("start: " + cancelled.getClass().getSimpleName());
          }
          node.close();
          for (Thread task : tasks) {
            try {
              task.join();
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
          }
          List<String> prepared = new ArrayList<>(probe.entered("prepare"));
          Collections.reverse(prepared);
          assertThat(probe.entered("stop")).isEqualTo(prepared);
          stops.add(probe.entered("stop"));
        });
        assertThat(result.failure()).as("seed " + seed).isNull();
        hashes.add(result.traceSha256());
      }
      assertThat(hashes.get(1)).as("seed " + seed).isEqualTo(hashes.get(0));
      assertThat(stops.get(1)).as("seed " + seed).isEqualTo(stops.get(0));
    }
  }

  @Test
  void aStopThatThrowsWhileItsRunIgnoresTheStopIsReportedTwiceOverOnceEach() {
    CountDownLatch release = new CountDownLatch(1);
    Probe probe = new Probe()
        .on("P0", "run", () -> {
          while (release.getCount() > 0) {
            try {
              release.await();
            } catch (InterruptedException ignored) {
              // a hostile run(): it ignores the stop and the interrupt
            }
          }
        })
        .on("P0", "stop", () -> {
          throw new IllegalStateException("P0 cannot stop");
        });
    SteelmillProbed node = host(probe);
    node.start();
    List<Throwable> thrown = new ArrayList<>();
    try {
      node.close();
    } catch (FactoryException e) {
      thrown.add(e);
    } finally {
      release.countDown();
    }
    checkEachOnce(thrown, 2);
    FactoryException first = (FactoryException) thrown.get(0);
    FactoryException second = (FactoryException) first.getSuppressed()[0];
    assertThat(List.of(first.getMessage(), second.getMessage()))
        .anyMatch(m -> m.contains("Probed.P0") && m.contains("P0 cannot stop"))
        .anyMatch(m -> m.contains("Probed.P0") && m.contains("run() did not return"));
    assertThat(probe.entered("stop")).containsExactly("P1", "P0", "A");
  }

  // ---- run() ends on its own --------------------------------------------------------------

  @Test
  void aRunThatThrowsAfterItsStopIsAFailureButAnInterruptedOneIsNot() {
    for (boolean interrupted : List.of(true, false)) {
      CountDownLatch stopped = new CountDownLatch(1);
      Probe probe = new Probe()
          .on("P0", "stop", stopped::countDown)
          .on("P0", "run", () -> {
            stopped.await();
            sneaky(interrupted ? new InterruptedException("stopped") : new IllegalStateException(
                "socket closed"));
          });
      SteelmillProbed node = host(probe);
      node.start();
      if (interrupted) {
        node.close();
        assertThat(node.failure()).isEmpty();
      } else {
        assertThatThrownBy(node::close).isInstanceOfSatisfying(FactoryException.class, e -> {
          assertThat(e.daemon()).isEqualTo("Probed.P0");
          assertThat(e.phase()).isEqualTo(Phase.RUN);
        });
      }
      assertThat(probe.entered("stop")).containsExactly("P1", "P0", "A");
    }
  }

  // ---- misuse -------------------------------------------------------------------------------

  @Test
  void misuseGetsAClearOneLineError() {
    SteelmillProbed node = host(new Probe());
    assertThatThrownBy(() -> node.setGracePeriod(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("Fix:");
    for (Duration bad : List.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofDays(2),
        Duration.ofSeconds(Long.MAX_VALUE))) {
      assertThatThrownBy(() -> node.setGracePeriod(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Fix:");
    }
    node.start();
    assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("h");
    assertThatThrownBy(() -> node.inject(Probe.class, new Probe()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Fix:");
    node.close();
    node.close();
    assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> node.inject(Probe.class, new Probe()))
        .isInstanceOf(NodeStoppingException.class);
    assertThat(node.state()).isEqualTo(NodeState.TERMINATED);
  }

  @Test
  void theCallersMdcIsRestoredAfterEveryKindOfFailure() {
    for (String phase : List.of("prepare", "run", "stop")) {
      Probe probe = new Probe().on("P1", phase, () -> {
        MDC.clear(); // a daemon that tidies up too much
        throw new IllegalStateException(phase);
      });
      SteelmillProbed node = host(probe);
      MDC.put("node", "caller");
      MDC.put("daemon", "mine");
      MDC.put("request", "42");
      try (node) {
        node.start();
      } catch (FactoryException expected) {
        assertThat(expected.daemon()).isEqualTo("Probed.P1");
      }
      assertThat(MDC.get("node")).as(phase).isEqualTo("caller");
      assertThat(MDC.get("daemon")).as(phase).isEqualTo("mine");
      assertThat(MDC.get("request")).as(phase).isEqualTo("42");
      MDC.clear();
    }
  }
}
