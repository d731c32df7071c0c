package io.steelmill.sim.shrink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.sim.FaultMask;
import io.steelmill.sim.SplitMix64;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ddmin against failure rules whose answer is known: a bug that needs exactly some faults, one
 * of several sets, none at all, or one the faults do not explain; the replay budget; and seeded
 * random rules checked for a failing, 1-minimal result.
 */
class ShrinkerTest {
  private static List<String> faults(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add((i % 3 == 0 ? "b" : i % 3 == 1 ? "f" : "d") + i);
    }
    return ids;
  }

  /** Fails when the mask allows every fault of one of {@code needed}. */
  private static Shrinker.Replay needs(List<List<String>> needed, List<FaultMask> log) {
    return mask -> {
      log.add(mask);
      return needed.stream().anyMatch(set -> set.stream().allMatch(mask::allows));
    };
  }

  @Test
  void findsExactlyTheTwoFaultsABugNeeds() {
    List<String> all = faults(40);
    List<FaultMask> log = new ArrayList<>();
    ShrinkResult result = new Shrinker(200).shrink(all, needs(List.of(List.of("f7", "b33")), log));

    assertThat(result.kept()).containsExactly("f7", "b33");
    assertThat(result.faults()).isEqualTo("b33,f7");
    assertThat(result.minimal()).isTrue();
    assertThat(result.reproduced()).isTrue();
    assertThat(result.replays()).isEqualTo(log.size()).isLessThan(40);
    assertThat(result.summary()).startsWith("2 of 40 faults (b33,f7), " + log.size()
        + " replays, 1-minimal");
    assertThat(new HashSet<>(log)).as("no mask replayed twice").hasSize(log.size());
  }

  @Test
  void theSameInputTriesTheSameMasksInTheSameOrder() {
    List<FaultMask> first = new ArrayList<>();
    List<FaultMask> second = new ArrayList<>();
    new Shrinker(200).shrink(faults(25), needs(List.of(List.of("d5", "f22", "b12")), first));
    new Shrinker(200).shrink(faults(25), needs(List.of(List.of("d5", "f22", "b12")), second));

    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  @Test
  void aFailureWithoutAnyFaultShrinksToNone() {
    ShrinkResult result = new Shrinker(10).shrink(faults(12), mask -> true);

    assertThat(result.kept()).isEmpty();
    assertThat(result.faults()).isEqualTo("none");
    assertThat(result.replays()).isEqualTo(1);
  }

  @Test
  void aFailureTheFaultsDoNotReproduceIsReportedNotShrunk() {
    ShrinkResult result = new Shrinker(10).shrink(faults(12), mask -> false);

    assertThat(result.reproduced()).isFalse();
    assertThat(result.kept()).hasSize(12);
    assertThat(result.summary()).startsWith("not shrunk: the replay with all 12 faults passed");
  }

  @Test
  void aSpentBudgetStopsWithASmallerFailingSetAndSaysItMayNotBeMinimal() {
    List<FaultMask> log = new ArrayList<>();
    ShrinkResult result = new Shrinker(10).shrink(faults(64),
        needs(List.of(List.of("f1", "d62")), log));

    assertThat(log).hasSize(10);
    assertThat(result.minimal()).isFalse();
    assertThat(result.kept()).contains("f1", "d62").hasSizeLessThan(64);
    assertThat(result.summary()).contains("may not be minimal");
  }

  @Test
  void aBudgetBelowOneIsRefused() {
    assertThatThrownBy(() -> new Shrinker(0)).hasMessageContaining("at least 1 replay, not 0");
  }

  @Test
  void randomRulesShrinkToAFailingOneMinimalSet() {
    for (long seed = 1; seed <= 200; seed++) {
      SplitMix64 random = new SplitMix64(seed);
      List<String> all = faults(1 + random.nextInt(60));
      List<List<String>> needed = new ArrayList<>();
      int rules = 1 + random.nextInt(3);
      for (int r = 0; r < rules; r++) {
        Set<String> set = new HashSet<>();
        int size = 1 + random.nextInt(Math.min(4, all.size()));
        while (set.size() < size) {
          set.add(all.get(random.nextInt(all.size())));
        }
        needed.add(List.copyOf(set));
      }
      Shrinker.Replay replay = needs(needed, new ArrayList<>());
      ShrinkResult result = new Shrinker(10_000).shrink(all, replay);

      assertThat(replay.fails(FaultMask.only(result.kept()))).as("seed %d fails", seed).isTrue();
      for (String one : result.kept()) {
        List<String> fewer = new ArrayList<>(result.kept());
        fewer.remove(one);
        assertThat(replay.fails(FaultMask.only(fewer)))
            .as("seed %d: %s without %s", seed, result.kept(), one).isFalse();
      }
      assertThat(result.minimal()).as("seed %d", seed).isTrue();
      assertThat(all).containsSubsequence(result.kept());
    }
  }

  @Test
  void splitsIntoNearlyEqualContiguousChunks() {
    assertThat(Shrinker.split(List.of("a", "b", "c", "d", "e"), 2))
        .containsExactly(List.of("a", "b"), List.of("c", "d", "e"));
    assertThat(Shrinker.split(List.of("a", "b"), 4)).containsExactly(List.of("a"), List.of("b"));
  }
}
