package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.NoBuggify;
import io.steelmill.runtime.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The red team of 2026-11-30 (night) against issue 17's BUGGIFY: hostile site names and
 * probabilities at the edges, in production (never fires, never throws) and in simulation
 * (refused in one line with a Fix, or decided from the seed alone).
 */
class BuggifyRedTeamTest {
  private static final List<String> HOSTILE_SITES = List.of("a\nb", "a\u2028b", "\u0000",
      "x".repeat(100_000), "日本", "\uD800", " padded ", "}{\"");

  /** Production's binding never fires and never throws, whatever it is given. */
  @Test
  void productionNeverFiresForAnyInput() {
    NoBuggify production = new NoBuggify();
    List<Double> probabilities = List.of(1.0, 0.0, -0.0, Double.NaN, 2.0, -1.0,
        Double.POSITIVE_INFINITY, Double.MIN_VALUE);
    for (String site : HOSTILE_SITES) {
      assertThat(production.fires(site)).isFalse();
      for (double p : probabilities) {
        assertThat(production.fires(site, p)).isFalse();
      }
    }
    assertThat(production.fires(null)).isFalse();
    assertThat(production.fires("", 1.0)).isFalse();
  }

  /**
   * A refused probability named its site raw: a site holding a line break made the message two
   * lines, and one of 100,000 characters a message as long; neither said how to fix it.
   */
  @Test
  void refusalsAreOneBoundedLineWithAFix() {
    List<String> errors = new ArrayList<>();
    SimResult result = Simulation.builder().seed(3).build().run(() -> {
      SimBuggify buggify = new SimBuggify();
      for (String site : HOSTILE_SITES) {
        for (double p : new double[] {Double.NaN, 1.0000000000000002, -Double.MIN_VALUE}) {
          try {
            buggify.fires(site, p);
          } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
          }
        }
      }
      try {
        buggify.fires("\t\n ");
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    });
    assertThat(result.failure()).isNull();
    assertThat(errors).hasSize(HOSTILE_SITES.size() * 3 + 1);
    assertThat(errors).allSatisfy(m -> assertThat(m).doesNotContain("\n", "\r", "\u2028")
        .hasSizeLessThan(300).contains("Fix: "));
    assertThat(errors.get(0)).startsWith("BUGGIFY site \"a?b\": the probability must be between 0"
        + " and 1, not NaN.");
  }

  /**
   * Probabilities at the edges: 0 and -0.0 never fire, 1 always fires on an active site,
   * Double.MIN_VALUE is accepted; hostile names are sites like any other, the same every run.
   */
  @Test
  void edgesAreDecidedFromTheSeedAlone() {
    List<String> first = firings(21);
    assertThat(first).isEqualTo(firings(21));
    assertThat(first).noneMatch(f -> f.startsWith("zero") || f.startsWith("minus-zero"));
  }

  private static List<String> firings(long seed) {
    List<String> fired = new ArrayList<>();
    SimResult result = Simulation.builder().seed(seed).build().run(() -> {
      SimBuggify buggify = new SimBuggify();
      Thread worker = Simulation.current().spawn(NodeId.of("n1"), "worker", () -> {
        for (int call = 0; call < 50; call++) {
          fire(buggify, fired, "zero", 0.0, call);
          fire(buggify, fired, "minus-zero", -0.0, call);
          fire(buggify, fired, "tiny", Double.MIN_VALUE, call);
          for (String site : HOSTILE_SITES) {
            fire(buggify, fired, site, 1.0, call);
          }
        }
      });
      worker.join();
    });
    assertThat(result.failure()).isNull();
    // a site fired once with probability 1 fires on every call
    for (String site : HOSTILE_SITES) {
      long count = fired.stream().filter(f -> f.startsWith(site + "#")).count();
      assertThat(count).as("site of %d chars", site.length()).isIn(0L, 50L);
    }
    return fired;
  }

  private static void fire(SimBuggify buggify, List<String> fired, String site, double p,
      int call) {
    if (buggify.fires(site, p)) {
      fired.add(site + "#" + call);
    }
  }
}
