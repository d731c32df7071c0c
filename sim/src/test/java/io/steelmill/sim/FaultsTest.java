package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pauses, clock skew and drift, and the watchdog's pinned and runaway reports. */
class FaultsTest {

  @Test
  void aPausedNodeStopsWhileTimeAndOtherNodesGoOn() {
    List<String> ticks = new ArrayList<>();
    SimResult result = Simulation.builder().seed(1).build().run(() -> {
      Simulation sim = Simulation.current();
      for (String node : List.of("a", "b")) {
        sim.spawn(NodeId.of(node), "ticker", () -> {
          try {
            for (int i = 0; i < 10; i++) {
              sim.sleep(Duration.ofMillis(100));
              ticks.add(node + "@" + sim.nanoTime() / 1_000_000);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      sim.sleep(Duration.ofMillis(250));
      sim.pause("a", Duration.ofMillis(500));
      sim.sleep(Duration.ofSeconds(2));
    });
    assertThat(result.failure()).isNull();
    assertThat(ticks).contains("b@300", "b@400", "b@500", "b@600", "b@700");
    assertThat(ticks).contains("a@200").doesNotContain("a@300", "a@400", "a@500", "a@600", "a@700");
    assertThat(ticks).contains("a@750");
  }

  @Test
  void skewAndDriftChangeOnlyTheWallClockOfTheirNode() {
    SimResult result = Simulation.builder().seed(2).build().run(() -> {
      Simulation sim = Simulation.current();
      SimClock clock = new SimClock();
      clock.skew("a", Duration.ofSeconds(-3));
      clock.drift("b", 1_000);
      sim.sleep(Duration.ofSeconds(10));
      Instant truth = sim.epoch().plusSeconds(10);
      assertThat(as("a", clock::now)).isEqualTo(truth.minusSeconds(3));
      assertThat(as("b", clock::now)).isEqualTo(truth.plusMillis(10));
      assertThat(as("c", clock::now)).isEqualTo(truth);
      assertThat(as("a", clock::monotonicNanos)).isEqualTo(Duration.ofSeconds(10).toNanos());
    });
    assertThat(result.failure()).isNull();
  }

  private static <T> T as(String node, java.util.function.Supplier<T> read) {
    String previous = NodeContext.enter(node);
    try {
      return read.get();
    } finally {
      NodeContext.restore(previous);
    }
  }

  @Test
  void aBusyLoopIsReportedAsARunawayStep() {
    // spins until the test has its result (the watchdog abandons the carrier), at most a minute:
    // the limit is CPU time, which a loaded machine hands out slowly
    var reported = new java.util.concurrent.atomic.AtomicBoolean();
    SimResult result =
        Simulation.builder().seed(3).runawayLimit(Duration.ofMillis(300)).build().run(() -> {
          long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
          while (!reported.get() && System.nanoTime() < until) {
            Thread.onSpinWait();
          }
        });
    reported.set(true);
    assertThat(result.failure())
        .hasMessageContaining("Runaway step: task main ran PT0.3S of CPU time without yielding")
        .hasMessageContaining("carrier stack");
  }

  /** A class whose initializer blocks: the virtual thread initializing it pins its carrier. */
  static final class SlowToInitialize {
    static final int VALUE;

    static {
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      VALUE = 1;
    }
  }

  @Test
  void aBlockingClassInitializerIsReportedAsPinned() {
    SimResult result = Simulation.builder().seed(4).pinnedLimit(Duration.ofMillis(500)).build()
        .run(() -> {
      int unused = SlowToInitialize.VALUE;
    });
    // stopped by the agent at the sleep, before the carrier waits (the watchdog is the fallback)
    assertThat(result.failure()).hasMessageStartingWith("Escape: Task #0 main blocked inside the"
        + " static initializer of " + SlowToInitialize.class.getName());
  }
}
