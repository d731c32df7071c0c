package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BUGGIFY in simulation: the two-phase rule (a site on or off per seed, then a firing chance per
 * call), both from the seed alone; firings in the trace and the fault ledger; masks leave
 * firings out; bad site names and probabilities are refused with one line.
 */
class BuggifyTest {
  private static final int SITES = 400;

  /** Calls {@code SITES} sites 20 times each from node "a"; returns the firings "site#call". */
  private static List<String> firings(long seed, FaultLedger.Options options, List<String> order,
      SimResult[] result, FaultLedger[] ledger) {
    List<String> fired = new ArrayList<>();
    Simulation sim = Simulation.builder().seed(seed).faults(options).build();
    result[0] = sim.run(() -> {
      SimBuggify buggify = new SimBuggify();
      Thread worker = Simulation.current().spawn(NodeId.of("a"), "worker", () -> {
        for (int call = 0; call < 20; call++) {
          for (String site : order) {
            if (buggify.fires(site)) {
              fired.add(site + "#" + call);
            }
          }
        }
      });
      worker.join();
    });
    ledger[0] = sim.faults();
    return fired;
  }

  private static List<String> sites(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add("site-" + i);
    }
    return names;
  }

  @Test
  void aSeedSwitchesOnAQuarterOfTheSitesAndActiveSitesFireAQuarterOfTheTime() {
    SimResult[] result = new SimResult[1];
    FaultLedger[] ledger = new FaultLedger[1];
    List<String> fired = firings(7, FaultLedger.Options.DEFAULT, sites(SITES), result, ledger);

    assertThat(result[0].failure()).isNull();
    Map<String, Boolean> sites = ledger[0].sites();
    long on = sites.values().stream().filter(b -> b).count();
    assertThat(sites).hasSize(SITES);
    assertThat(on).as("sites on for seed 7").isBetween(70L, 130L); // 100 expected
    assertThat(fired).allMatch(f -> sites.get(f.substring(0, f.indexOf('#'))));
    assertThat((double) fired.size() / (on * 20)).isBetween(0.2, 0.3);
    assertThat(ledger[0].appliedIds()).hasSize(fired.size()).startsWith("b1", "b2");
  }

  @Test
  void theSameSeedFiresTheSameSitesAtTheSameCallsAndTracesThem() {
    SimResult[] first = new SimResult[1];
    SimResult[] second = new SimResult[1];
    FaultLedger[] ledger = new FaultLedger[1];
    FaultLedger.Options options = new FaultLedger.Options(FaultMask.ALL, true, false);
    List<String> a = firings(11, options, sites(50), first, ledger);
    List<String> b = firings(11, options, sites(50), second, ledger);
    List<String> other = firings(12, options, sites(50), second, ledger);

    assertThat(a).isNotEmpty().isEqualTo(b);
    assertThat(first[0].traceSha256()).isEqualTo(
        firingsTrace(11, options));
    assertThat(other).isNotEqualTo(a);
    assertThat(first[0].traceTail())
        .anyMatch(line -> line.matches("t=\\d+ buggify site-\\d+ on a \\[b\\d+]"));
  }

  private static String firingsTrace(long seed, FaultLedger.Options options) {
    SimResult[] result = new SimResult[1];
    firings(seed, options, sites(50), result, new FaultLedger[1]);
    return result[0].traceSha256();
  }

  @Test
  void whetherASiteIsOnDependsOnTheSeedAndItsNameNotOnTheOrderOfCalls() {
    List<String> forward = sites(100);
    List<String> backward = new ArrayList<>(forward);
    java.util.Collections.reverse(backward);
    FaultLedger[] one = new FaultLedger[1];
    FaultLedger[] two = new FaultLedger[1];
    firings(3, FaultLedger.Options.DEFAULT, forward, new SimResult[1], one);
    firings(3, FaultLedger.Options.DEFAULT, backward, new SimResult[1], two);

    assertThat(one[0].sites()).isEqualTo(two[0].sites());
  }

  @Test
  void aMaskKeepsOnlyTheListedFiringsAndLaterFiringsKeepTheirIds() {
    FaultLedger[] all = new FaultLedger[1];
    List<String> every = firings(5, FaultLedger.Options.DEFAULT, sites(40), new SimResult[1], all);
    assertThat(every).hasSizeGreaterThan(4);
    FaultMask mask = FaultMask.parse("b2,b4");
    FaultLedger[] masked = new FaultLedger[1];
    SimResult[] result = new SimResult[1];
    List<String> kept = firings(5, new FaultLedger.Options(mask, true, false), sites(40), result,
        masked);

    assertThat(kept).containsExactly(every.get(1), every.get(3));
    assertThat(masked[0].appliedIds()).containsExactly("b2", "b4");
    assertThat(masked[0].suppressed()).isEqualTo(every.size() - 2);
    assertThat(result[0].traceTail())
        .anyMatch(line -> line.contains("fault suppressed b1 buggify"));
  }

  @Test
  void buggifyOffNeverFires() {
    FaultLedger[] ledger = new FaultLedger[1];
    List<String> fired = firings(7, new FaultLedger.Options(FaultMask.ALL, false, false),
        sites(100), new SimResult[1], ledger);

    assertThat(fired).isEmpty();
    assertThat(ledger[0].faults()).isEmpty();
  }

  @Test
  void aBlankSiteOrAProbabilityOutsideZeroToOneIsRefusedWithOneLine() {
    List<String> errors = new ArrayList<>();
    SimResult result = Simulation.builder().seed(1).build().run(() -> {
      SimBuggify buggify = new SimBuggify();
      for (Runnable call : List.<Runnable>of(
          () -> buggify.fires(null), () -> buggify.fires("  "),
          () -> buggify.fires("x", 1.5), () -> buggify.fires("x", -0.1),
          () -> buggify.fires("x", Double.NaN))) {
        try {
          call.run();
        } catch (IllegalArgumentException e) {
          errors.add(e.getMessage());
        }
      }
      assertThat(buggify.fires("always", 1.0) || !Simulation.current().faults().sites()
          .get("always")).isTrue();
      assertThat(buggify.fires("never", 0.0)).isFalse();
    });

    assertThat(result.failure()).isNull();
    assertThat(errors).hasSize(5).allMatch(m -> !m.contains("\n"));
    assertThat(errors.get(0)).contains("needs a name");
    assertThat(errors.get(2)).contains("\"x\"").contains("between 0 and 1").contains("1.5");
    assertThat(errors.get(4)).contains("NaN");
  }

  @Test
  void outsideASimulationTheSimulatedBindingSaysSo() {
    assertThatThrownBy(() -> new SimBuggify().fires("x"))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("No simulation is running");
  }

  @Test
  void siteDecisionsDoNotDependOnHowLongTheRunIs() {
    FaultLedger[] shortRun = new FaultLedger[1];
    FaultLedger[] longRun = new FaultLedger[1];
    firings(9, FaultLedger.Options.DEFAULT, sites(10), new SimResult[1], shortRun);
    firings(9, FaultLedger.Options.DEFAULT, sites(60), new SimResult[1], longRun);

    assertThat(shortRun[0].sites()).hasSize(10);
    assertThat(longRun[0].sites()).containsAllEntriesOf(shortRun[0].sites());
  }
}
