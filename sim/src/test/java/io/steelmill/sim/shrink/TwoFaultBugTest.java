package io.steelmill.sim.shrink;

import io.steelmill.runtime.NodeId;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.FaultMask;
import io.steelmill.sim.SimBuggify;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.Timeline;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A planted bug that needs exactly two specific faults, in a real simulated run: node a sends
 * m0..m39 to b over a lossy network, and a BUGGIFY site may mark a message "corrupt". Node b
 * checks each message against m13, but forgets to when m13 never came: the run fails only when
 * m13 is dropped and m20 arrives corrupt. The run has many other drops and firings; the
 * shrinker must keep exactly m13's drop and m20's firing.
 */
class TwoFaultBugTest {
  private static final int MESSAGES = 40;

  record Run(SimResult result, FaultLedger ledger) {}

  static Run run(long seed, FaultMask mask) {
    Simulation sim = Simulation.builder().seed(seed)
        .faults(new FaultLedger.Options(mask, true, true)).build();
    SimResult result = sim.run(() -> {
      Simulation current = Simulation.current();
      SimNetwork network = new SimNetwork();
      network.allLinks().drop(0.2);
      SimBuggify buggify = new SimBuggify();
      Set<String> received = new LinkedHashSet<>();
      Thread receiver = current.spawn(NodeId.of("b"), "receiver", () -> {
        try (Endpoint<String> in = network.bind("in", Codec.utf8())) {
          while (true) {
            Optional<io.steelmill.platform.Envelope<String>> next =
                in.receive(Duration.ofSeconds(1));
            if (next.isEmpty()) {
              return;
            }
            received.add(next.get().message());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      current.spawn(NodeId.of("a"), "sender", () -> {
        try (Endpoint<String> out = network.bind("out", Codec.utf8())) {
          for (int i = 0; i < MESSAGES; i++) {
            boolean corrupt = buggify.fires("a.corrupt", 0.4);
            out.send(new Address("b", "in"), "m" + i + (corrupt ? " corrupt" : ""));
            current.sleep(Duration.ofMillis(10));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      receiver.join();
      boolean checked = received.contains("m13") || received.contains("m13 corrupt");
      if (!checked && received.contains("m20 corrupt")) {
        throw new IllegalStateException("planted bug: m20's corrupt payload applied unchecked");
      }
    });
    return new Run(result, sim.faults());
  }

  /** The id of the fault that dropped message {@code text}, from the timeline. */
  private static String dropOf(FaultLedger ledger, String text) {
    for (Timeline.Message message : ledger.timeline().messages()) {
      if (message.text().startsWith(text + " ") || message.text().equals(text)) {
        String lost = message.lost();
        return lost == null ? null : lost.replaceAll(".*\\((d\\d+)\\).*", "$1");
      }
    }
    return null;
  }

  /** The id of the BUGGIFY firing that marked {@code text} corrupt: firings count in order. */
  private static String firingOf(FaultLedger ledger, int index) {
    int firings = 0;
    for (Timeline.Message message : ledger.timeline().messages()) {
      if (message.text().endsWith(" corrupt")) {
        firings++;
        if (message.text().equals("m" + index + " corrupt")) {
          return "b" + firings;
        }
      }
    }
    return null;
  }

  @Test
  void shrinksToExactlyTheDropOfM13AndTheFiringOnM20() {
    long seed = 0;
    Run failing = null;
    for (long s = 1; s <= 500 && failing == null; s++) {
      Run run = run(s, FaultMask.ALL);
      if (!run.result().succeeded()) {
        seed = s;
        failing = run;
      }
    }
    assertThat(failing).as("a seed in 1..500 that hits the planted bug").isNotNull();
    String drop = dropOf(failing.ledger(), "m13");
    String firing = firingOf(failing.ledger(), 20);
    List<String> faults = failing.ledger().appliedIds();
    assertThat(drop).as("seed %d drops m13", seed).matches("d\\d+");
    assertThat(firing).as("seed %d marks m20", seed).matches("b\\d+");
    assertThat(faults).as("seed %d injects many other faults", seed).hasSizeGreaterThan(8);

    long chosen = seed;
    ShrinkResult result = new Shrinker(Shrinker.DEFAULT_BUDGET)
        .shrink(faults, mask -> !run(chosen, mask).result().succeeded());

    assertThat(result.kept()).as("seed %d, %s", seed, result.summary())
        .containsExactlyInAnyOrder(drop, firing);
    assertThat(result.minimal()).isTrue();
    Run replay = run(seed, FaultMask.parse(result.faults()));
    assertThat(replay.result().succeeded()).isFalse();
    assertThat(replay.ledger().appliedIds()).containsExactlyInAnyOrder(drop, firing);
    assertThat(replay.result().traceSha256())
        .isEqualTo(run(seed, FaultMask.parse(result.faults())).result().traceSha256());
  }
}
