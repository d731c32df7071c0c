package io.steelmill.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.it.hostile.HostileCase.Closer;
import io.steelmill.it.hostile.Script.Fault;
import io.steelmill.it.hostile.Script.Kind;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.SplitMix64;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hostile battery against the lifecycle: faults generated over phase x daemon position x kind x
 * closer, single and combined, under simulation (virtual time, so the close() bound is exact and
 * every case replays) and in real time. Each case checks the invariants of {@link HostileCase}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LifecycleHostileTest {
  private static final List<String> PHASES = List.of("construct", "prepare", "run", "stop");
  private static final long SEED = 0x5EED_11L;

  private static final HostileCase.Env SIMULATED = new HostileCase.Env() {
    @Override
    public long nanos() {
      return Simulation.current().nanoTime();
    }

    @Override
    public Thread spawn(String name, Runnable body) {
      return Simulation.current().spawn(name, body);
    }

    @Override
    public void await(CountDownLatch latch) throws InterruptedException {
      latch.await();
    }

    @Override
    public Duration slack() {
      return Duration.ZERO;
    }

    @Override
    public Duration grace() {
      return Duration.ofMillis(100);
    }
  };

  private static final HostileCase.Env REAL = new HostileCase.Env() {
    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public Thread spawn(String name, Runnable body) {
      return Thread.ofVirtual().name(name).start(body);
    }

    @Override
    public void await(CountDownLatch latch) throws InterruptedException {
      assertThat(latch.await(30, TimeUnit.SECONDS)).as("fault fired").isTrue();
    }

    @Override
    public Duration slack() {
      return Duration.ofSeconds(5); // a liveness bound on a shared machine, not a timing claim
    }

    @Override
    public Duration grace() {
      // a daemon that is not hung must never be reported as hung: under load a prepare() that
      // returns at once took over 100 ms to be scheduled (1 of 18 runs of this test)
      return Duration.ofSeconds(1);
    }
  };

  @Test
  void everySingleFaultInEveryPhasePositionKindAndCloserUnderSimulation() {
    List<HostileSpec> specs = singleFaults();
    long seed = SEED;
    for (HostileSpec spec : specs) {
      simulate(spec, seed++);
    }
    assertThat(specs).hasSize(392); // construct: 4 x 7 x 2 closers; the rest: 3 x 4 x 7 x 4
  }

  @Test
  void seededCombinedFaultsUnderSimulation() {
    SplitMix64 random = new SplitMix64(SEED);
    for (int i = 0; i < 200; i++) {
      simulate(combined(random), SEED + 1000 + i);
    }
  }

  @Test
  void seededSingleFaultsInRealTime() throws Exception {
    List<HostileSpec> specs = singleFaults();
    SplitMix64 random = new SplitMix64(SEED + 7);
    for (int i = 0; i < 40; i++) {
      HostileSpec spec = specs.get(random.nextInt(specs.size()));
      try {
        new HostileCase(spec.faults(), spec.closer(), REAL).runAndCheck();
      } catch (AssertionError e) {
        throw new AssertionError("case " + spec + " (real time, pick " + i + "): " + e, e);
      }
    }
  }

  @Test
  void simulatedCasesReplayIdentically() {
    SplitMix64 random = new SplitMix64(SEED + 3);
    for (int i = 0; i < 20; i++) {
      HostileSpec spec = combined(random);
      long seed = SEED + 5000 + i;
      SimResult first = simulate(spec, seed);
      SimResult second = simulate(spec, seed);
      assertThat(second.traceSha256()).as("trace of " + spec + " seed " + seed)
          .isEqualTo(first.traceSha256());
      assertThat(second.virtualNanos()).isEqualTo(first.virtualNanos());
    }
  }

  /** A generated case: its faults and who closes the node. */
  record HostileSpec(List<Fault> faults, Closer closer) {
    @Override
    public String toString() {
      return faults + " closed " + closer;
    }
  }

  private static List<HostileSpec> singleFaults() {
    List<HostileSpec> specs = new ArrayList<>();
    for (String phase : PHASES) {
      for (int position = 0; position < 4; position++) {
        for (Kind kind : Kind.values()) {
          for (Closer closer : Closer.values()) {
            if (phase.equals("construct") && !constructCloser(closer)) {
              continue;
            }
            specs.add(new HostileSpec(List.of(new Fault(position, phase, kind)), closer));
          }
        }
      }
    }
    return specs;
  }

  /** Two or three faults on distinct daemons, in random phases and kinds, a random closer. */
  private static HostileSpec combined(SplitMix64 random) {
    Closer closer = Closer.values()[random.nextInt(Closer.values().length)];
    List<Integer> positions = new ArrayList<>(List.of(0, 1, 2, 3));
    int count = 2 + random.nextInt(2);
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int position = positions.remove(random.nextInt(positions.size()));
      int phases = constructCloser(closer) ? PHASES.size() : PHASES.size() - 1;
      String phase = constructCloser(closer)
          ? PHASES.get(random.nextInt(phases))
          : PHASES.get(1 + random.nextInt(phases));
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      faults.add(new Fault(position, phase, kind));
    }
    return new HostileSpec(faults, closer);
  }

  /** Construction happens before start(): only closers that act after it apply. */
  private static boolean constructCloser(Closer closer) {
    return closer == Closer.SEQUENTIAL || closer == Closer.TWICE;
  }

  private static SimResult simulate(HostileSpec spec, long seed) {
    SimResult result = Simulation.builder().seed(seed).build()
        .run(() -> new HostileCase(spec.faults(), spec.closer(), SIMULATED).runAndCheck());
    assertThat(result.failure()).as("case " + spec + ", seed " + seed).isNull();
    return result;
  }
}
