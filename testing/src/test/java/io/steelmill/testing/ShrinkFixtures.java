package io.steelmill.testing;

import io.steelmill.runtime.NodeId;
import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.sim.SimBuggify;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** Simulation tests that fail on purpose, for the harness's shrinking (run by the test kit). */
final class ShrinkFixtures {
  private ShrinkFixtures() {}

  /**
   * A planted bug that needs two faults: a sends m0..m39 to b over a lossy network, BUGGIFY may
   * mark one corrupt, and b applies a corrupt m20 unchecked only when m13 never came.
   */
  static class DropAndCorrupt {
    @SimulationTest(seeds = 300, checkDeterminism = false, maxVirtualTime = "1m")
    void corruptAfterLoss(Simulation sim) throws Exception {
      SimNetwork network = new SimNetwork();
      network.allLinks().drop(0.2);
      SimBuggify buggify = new SimBuggify();
      Set<String> received = new LinkedHashSet<>();
      Thread receiver = sim.spawn(NodeId.of("b"), "receiver", () -> {
        try (Endpoint<String> in = network.bind("in", Codec.utf8())) {
          while (true) {
            var next = in.receive(Duration.ofSeconds(1));
            if (next.isEmpty()) {
              return;
            }
            received.add(next.get().message());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      sim.spawn(NodeId.of("a"), "sender", () -> {
        try (Endpoint<String> out = network.bind("out", Codec.utf8())) {
          for (int i = 0; i < 40; i++) {
            boolean corrupt = buggify.fires("a.corrupt", 0.4);
            out.send(new Address("b", "in"), "m" + i + (corrupt ? " corrupt" : ""));
            sim.sleep(Duration.ofMillis(10));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      receiver.join();
      boolean checked = received.contains("m13") || received.contains("m13 corrupt");
      if (!checked && received.contains("m20 corrupt")) {
        throw new AssertionError("planted bug: m20's corrupt payload applied unchecked");
      }
    }
  }
}
