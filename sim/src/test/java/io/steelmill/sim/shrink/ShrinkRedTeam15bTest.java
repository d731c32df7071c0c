package io.steelmill.sim.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.FaultMask;
import io.steelmill.sim.SimBuggify;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The red team of 2026-12-01 (redteam15b) against issue 17's shrinking: a fault schedule longer
 * than the ledger lists.
 */
class ShrinkRedTeam15bTest {
  private static final int CALLS = 130_000;

  /** A run of {@code seed} whose BUGGIFY site fires on every call, failing past 110,000 firings. */
  private static Simulation storm(long seed, FaultMask mask) {
    return Simulation.builder().seed(seed)
        .faults(new FaultLedger.Options(mask, true, false)).build();
  }

  private static SimResult run(Simulation simulation) {
    return simulation.run(() -> {
      SimBuggify buggify = new SimBuggify();
      int fired = 0;
      for (int call = 0; call < CALLS; call++) {
        fired += buggify.fires("storm", 1.0) ? 1 : 0;
      }
      if (fired > 110_000) {
        throw new AssertionError("the storm fired " + fired + " times");
      }
    });
  }

  /**
   * A run that applied more faults than its ledger lists (100,000) was shrunk from the listed
   * ones: every replay left out the faults past the listing, so the "replay with every fault"
   * passed and the summary said "the replay with all 100000 faults passed" of a failure that
   * needs the 110,001st. It is now not shrunk, and the summary says why, without replaying.
   */
  @Test
  void aRunWithMoreFaultsThanTheLedgerListsIsNotShrunkAndSaysWhy() {
    long seed = 1;
    Simulation failing = storm(seed, FaultMask.ALL);
    SimResult result = run(failing);
    while (result.succeeded()) { // the first seed that switches the site on
      failing = storm(++seed, FaultMask.ALL);
      result = run(failing);
    }
    assertThat(failing.faults().applied()).isEqualTo(CALLS);
    List<FaultMask> replayed = new ArrayList<>();
    long chosen = seed;
    ShrinkResult shrunk = new Shrinker(5).shrink(failing.faults(),
        FailureKind.of(result, null), mask -> {
          replayed.add(mask);
          return FailureKind.of(run(storm(chosen, mask)), null);
        });
    assertThat(replayed).isEmpty();
    assertThat(shrunk.reproduced()).isFalse();
    assertThat(shrunk.summary()).isEqualTo("not shrunk: the run applied 130000 faults, more than"
        + " the 100000 its ledger lists, so no replay could hold them all; shrink a shorter run"
        + " (less virtual time)");
  }
}
