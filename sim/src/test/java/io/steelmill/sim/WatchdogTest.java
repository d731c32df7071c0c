package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's pinned verdict is about a carrier that is stuck, not one that is slow: a look
 * every 50 ms of a scripted clock, with the carrier's state, CPU time and the machine's load
 * scripted too, so the verdict is tested without real time. A carrier blocked at every look
 * while it makes progress (two carriers of one JVM contending for a class or a JDK lock) once
 * added up to "Pinned" under load, and a seed's result depended on the job beside it.
 */
class WatchdogTest {
  private static final long LOOK = 50_000_000L;

  /** A scripted carrier and machine. */
  private static final class Script implements Watchdog.Probe {
    Thread.State state = Thread.State.BLOCKED;
    long cpu = 1_000;
    long now = 1_000_000_000L;
    double load;

    @Override
    public Thread.State state(Thread carrier) {
      return state;
    }

    @Override
    public long cpuNanos(Thread carrier) {
      return cpu;
    }

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public double loadPerCore() {
      return load;
    }
  }

  private final RunState run = new RunState(
      Simulation.builder().seed(1).pinnedLimit(Duration.ofSeconds(2))
          .runawayLimit(Duration.ofSeconds(10)));
  private final Script script = new Script();
  private final Watchdog watchdog = new Watchdog(run, script);
  private final Thread carrier = Thread.currentThread();

  /** Looks {@code times} times, one look interval apart; the first failure, or null. */
  private SimulationException look(int times, Runnable between) {
    for (int i = 0; i < times; i++) {
      SimulationException stuck = watchdog.check(carrier);
      if (stuck != null) {
        return stuck;
      }
      script.now += LOOK;
      between.run();
    }
    return null;
  }

  @Test
  void aCarrierBlockedAtEveryLookWhileStepsMoveIsNotPinned() {
    run.mounted = new Thread(() -> {});
    assertThat(look(400, () -> run.steps++)).isNull(); // 20 s of looks, all blocked
  }

  @Test
  void aCarrierBlockedAtEveryLookWhileItRunsWithinOneStepIsNotPinned() {
    run.mounted = new Thread(() -> {});
    script.state = Thread.State.WAITING;
    assertThat(look(400, () -> script.cpu += 200_000)).isNull(); // a slow first step, say
  }

  @Test
  void tasksTakingTurnsOnABlockedCarrierAreNotPinned() {
    Thread one = new Thread(() -> {});
    Thread two = new Thread(() -> {});
    run.mounted = one;
    assertThat(look(400, () -> run.mounted = run.mounted == one ? two : one)).isNull();
  }

  @Test
  void aCarrierStuckInOneStepWithoutRunningIsPinned() {
    run.mounted = new Thread(() -> {}, "#3 stuck");
    SimulationException stuck = look(400, () -> {});
    assertThat(stuck).isNotNull();
    assertThat(stuck.getMessage()).startsWith("Pinned: task #3 stuck blocked the carrier thread"
        + " itself (BLOCKED)").contains("Fix:", "carrier stack:");
    assertThat(script.now - 1_000_000_000L).isGreaterThan(Duration.ofSeconds(2).toNanos())
        .isLessThanOrEqualTo(Duration.ofSeconds(2).toNanos() + 2 * LOOK);
  }

  @Test
  void aStuckCarrierTryingItsMonitorAgainNowAndThenIsStillPinned() {
    run.mounted = new Thread(() -> {});
    int[] looks = {0};
    SimulationException stuck = look(400, () -> {
      if (++looks[0] % 20 == 0) {
        script.cpu += 45_000; // HotSpot's re-check of a contended monitor, about once a second
      }
    });
    assertThat(stuck).isNotNull();
    assertThat(stuck.getMessage()).startsWith("Pinned: ");
  }

  @Test
  void theClockStartsAgainWhenTheCarrierRanBetweenLooks() {
    run.mounted = new Thread(() -> {});
    int[] looks = {0};
    // stuck for 1.5 s, runs a little, stuck for 1.5 s: never 2 s without running
    assertThat(look(120, () -> {
      if (++looks[0] % 30 == 0) {
        script.cpu += Watchdog.RAN_NANOS;
      }
    })).isNull();
    assertThat(look(60, () -> {})).isNotNull(); // and then stuck for good
  }

  @Test
  void aLoadedMachineStretchesTheLimitButAStuckCarrierIsStillReported() {
    run.mounted = new Thread(() -> {});
    script.load = 4.0; // four runnable threads for every core
    assertThat(look(150, () -> {})).isNull(); // 7.5 s: under 4 x 2 s
    assertThat(look(20, () -> {})).isNotNull();
  }

  @Test
  void aCarrierThatIsNotBlockedIsNeverPinnedAndARunawayStillIs() {
    run.mounted = new Thread(() -> {}, "#1 spinner");
    script.state = Thread.State.RUNNABLE;
    assertThat(look(400, () -> {})).isNull();
    SimulationException runaway = look(100, () -> script.cpu += 200_000_000L);
    assertThat(runaway).isNotNull();
    assertThat(runaway.getMessage()).startsWith("Runaway step: task #1 spinner ran PT10S");
  }

  private static final Object HELD = new Object();

  /** Enters a monitor in its static initializer: a virtual thread cannot unmount there. */
  private static final class EntersHeldMonitor {
    static final int VALUE;

    static {
      synchronized (HELD) {
        VALUE = 1;
      }
    }
  }

  @Test
  void aStaticInitializerEnteringAMonitorAParkedTaskHoldsIsReportedAsPinned() {
    SimResult result = Simulation.builder().seed(5).pinnedLimit(Duration.ofMillis(300)).build()
        .run(() -> {
          Simulation sim = Simulation.current();
          sim.spawn("holder", () -> {
            synchronized (HELD) {
              try {
                sim.sleep(Duration.ofSeconds(10)); // unmounts, holding the monitor
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          });
          sim.sleep(Duration.ofMillis(1));
          int unused = EntersHeldMonitor.VALUE; // blocks the carrier: the holder cannot run
        });
    assertThat(result.failure()).hasMessageStartingWith("Pinned: task main blocked the carrier"
        + " thread itself (BLOCKED)");
  }
}
