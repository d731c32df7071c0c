package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A timer action ({@link Simulation#schedule}) runs on the carrier, outside any task. One that
 * threw ended the run loop, not the run: the carrier died, the main task never finished, and the
 * run came back with no failure, a pass. It must fail the run, naming the timer, and unwind.
 */
class TimerActionHostileTest {

  @Test
  void aTimerActionThatThrowsFailsTheRunNamingIt() {
    List<String> seen = new CopyOnWriteArrayList<>();
    SimResult result = Simulation.builder().seed(6).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.schedule(1_000, () -> {
        throw new IllegalStateException("boom in a timer");
      });
      sim.sleep(Duration.ofSeconds(1));
      seen.add("main ended");
    });
    assertThat(result.failure()).isNotNull();
    assertThat(result.failure().getMessage()).contains("timer", "boom in a timer")
        .doesNotContain("\n");
    assertThat(result.leaked()).isEmpty();
    SimResult again = Simulation.builder().seed(6).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.schedule(1_000, () -> {
        throw new IllegalStateException("boom in a timer");
      });
      sim.sleep(Duration.ofSeconds(1));
    });
    assertThat(again.traceSha256()).isEqualTo(result.traceSha256());
  }

  @Test
  void aTimerActionThatThrowsAnErrorBesideAPassingRunFailsOnlyItsOwn() throws Exception {
    try (ExecutorService two = Executors.newFixedThreadPool(2)) {
      var failing = two.submit(() -> Simulation.builder().seed(7).build().run(() -> {
        Simulation sim = Simulation.current();
        sim.schedule(1_000, () -> {
          throw new StackOverflowError("deep in a timer");
        });
        sim.sleep(Duration.ofSeconds(1));
      }));
      var passing = two.submit(() -> Simulation.builder().seed(7).build().run(() -> {
        Simulation.current().sleep(Duration.ofSeconds(1));
      }));
      assertThat(failing.get().failure()).hasMessageContaining("deep in a timer");
      assertThat(passing.get().failure()).isNull();
    }
  }

  /**
   * A virtual thread started by a timer action (on the carrier, outside any task) took the JDK's
   * scheduler, not the simulation's: it ran in real time, no report named it and the run passed.
   */
  @Test
  void aVirtualThreadStartedByATimerActionIsAnEscapeAndNeverRuns() {
    List<String> ran = new CopyOnWriteArrayList<>();
    Runnable startChild = () -> Thread.ofVirtual().name("child").start(() -> ran.add("child"));
    SimResult result = runStartingFromATimer(6, startChild);
    assertThat(result.failure()).hasMessageStartingWith("Escape: A timer action"
        + " (Simulation.schedule) started a virtual thread on the JDK's scheduler at "
        + TimerActionHostileTest.class.getName());
    assertThat(result.failure().getMessage()).contains("at virtual time PT0.000001S", "Fix:");
    assertThat(ran).isEmpty();
    assertThat(runStartingFromATimer(6, startChild).traceSha256())
        .isEqualTo(result.traceSha256());
  }

  @Test
  void anExecutorsVirtualThreadOrAPlatformThreadStartedByATimerActionIsAnEscape() {
    List<String> ran = new CopyOnWriteArrayList<>();
    SimResult pool = runStartingFromATimer(8, () -> {
      try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
        virtual.submit(() -> ran.add("pooled"));
      }
    });
    assertThat(pool.failure()).hasMessageStartingWith("Escape: A timer action"
        + " (Simulation.schedule) started a virtual thread on the JDK's scheduler");
    SimResult platform = runStartingFromATimer(8, () -> new Thread(() -> ran.add("platform"))
        .start());
    assertThat(platform.failure()).hasMessageStartingWith("Escape: A timer action"
        + " (Simulation.schedule) started a platform thread (java.lang.Thread)");
    assertThat(ran).isEmpty();
  }

  @Test
  void aVirtualThreadATaskStartsIsStillATaskOfTheRun() {
    List<String> seen = new CopyOnWriteArrayList<>();
    SimResult result = Simulation.builder().seed(9).build().run(() -> {
      Simulation sim = Simulation.current();
      Thread child = Thread.ofVirtual().name("child").start(() -> {
        try {
          sim.sleep(Duration.ofSeconds(5));
          seen.add("child woke at " + Duration.ofNanos(sim.nanoTime()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      child.join();
    });
    assertThat(result.failure()).isNull();
    assertThat(seen).containsExactly("child woke at PT5S");
  }

  private static SimResult runStartingFromATimer(long seed, Runnable action) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      sim.schedule(1_000, action);
      sim.sleep(Duration.ofSeconds(1));
    });
  }

  /**
   * A timer action read the real clock: the agent made clock reads virtual in tasks alone, and an
   * action runs on the carrier, outside any task, so what it did with the time depended on the
   * machine. It reads the run's virtual clock now, as a task does.
   */
  @Test
  void aTimerActionReadsTheVirtualClock() {
    List<Long> nanos = new CopyOnWriteArrayList<>();
    List<java.time.Instant> walls = new CopyOnWriteArrayList<>();
    List<java.time.Instant> epochs = new CopyOnWriteArrayList<>();
    SimResult result = Simulation.builder().seed(10).build().run(() -> {
      Simulation sim = Simulation.current();
      epochs.add(sim.epoch());
      sim.schedule(Duration.ofSeconds(3).toNanos(), () -> {
        nanos.add(System.nanoTime());
        walls.add(java.time.Instant.now());
      });
      sim.sleep(Duration.ofSeconds(5));
    });
    assertThat(result.failure()).isNull();
    assertThat(nanos).containsExactly(Duration.ofSeconds(3).toNanos());
    assertThat(walls).containsExactly(epochs.get(0).plusSeconds(3));
  }
}
