package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A BUGGIFY site called from a static initializer. A class initializes in the JVM's first run
 * that touches it only: that run traced the site, drew from its stream and numbered its firing,
 * and no later run did, so a seed's trace, hash and fault ids in a sweep differed from the same
 * seed replayed alone in a fresh JVM (where its run is the first). Now such a call is an escape,
 * and the class it leaves broken fails every later run at the same point with the same message.
 */
class BuggifyInInitializerTest {
  /** Initialized by the first run that touches it, in this test's JVM. */
  static final class SlowStart {
    static final boolean SLOW = new SimBuggify().fires("init.slow-start", 1.0);

    static boolean slow() {
      return SLOW;
    }
  }

  private static SimResult touching(long seed) {
    return Simulation.builder().seed(seed).faults(FaultLedger.Options.DEFAULT).build().run(() -> {
      Simulation sim = Simulation.current();
      SimBuggify buggify = new SimBuggify();
      sim.spawn(NodeId.of("a"), "worker", () -> {
        for (int i = 0; i < 10; i++) {
          sim.trace("before " + buggify.fires("worker.step", 0.5));
          try {
            sim.sleep(Duration.ofMillis(1));
          } catch (InterruptedException e) {
            return;
          }
        }
        sim.trace("slow " + SlowStart.slow());
        sim.trace("after " + buggify.fires("worker.after", 0.5));
      }).join();
    });
  }

  @Test
  void theRunThatInitializesAndEveryLaterOneFailAlike() {
    SimResult first = touching(5); // initializes SlowStart
    SimResult again = touching(5); // SlowStart is initialized (broken) already
    SimResult other = touching(6);
    assertThat(first.failure()).isNotNull();
    assertThat(first.failure().getMessage())
        .contains("BUGGIFY site \"init.slow-start\" was called inside the static initializer of "
            + SlowStart.class.getName())
        .contains("Fix:");
    assertThat(again.failure()).isNotNull();
    assertThat(again.failure().getMessage()).isEqualTo(first.failure().getMessage());
    assertThat(again.traceSha256()).isEqualTo(first.traceSha256());
    assertThat(other.failure().getMessage()).isEqualTo(first.failure().getMessage());
  }
}
