package io.steelmill.examples.replicated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The replica's rules (promises never go back, the newest version wins) and its durable log. */
class ReplicaStateTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPromiseNeverGoesBackAndOlderEpochsAreRefused() {
    ReplicaState state = new ReplicaState();
    assertThat(state.promise(5)).isEqualTo("P 5\n");
    assertThat(state.promise(3)).isNull();
    assertThat(state.promise(5)).isNull();
    assertThat(state.promised()).isEqualTo(5);
    assertThat(state.admits(4)).isFalse();
    assertThat(state.admits(5)).isTrue();
    assertThat(state.admits(6)).isTrue();
  }

  @Test
  void theNewestVersionOfAKeyWinsWhateverTheOrderOfArrival() {
    ReplicaState state = new ReplicaState();
    assertThat(state.put("k", new Versioned("b", 2, 1))).isEqualTo("W k b 2 1\n");
    assertThat(state.put("k", new Versioned("a", 1, 9))).as("an older epoch").isNull();
    assertThat(state.put("k", new Versioned("c", 2, 1))).as("the same version").isNull();
    assertThat(state.put("k", new Versioned("d", 2, 2))).isNotNull();
    assertThat(state.data()).containsEntry("k", new Versioned("d", 2, 2));
  }

  @Test
  void replayingTheLogGivesTheSameStateForRandomChanges() {
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      ReplicaState live = new ReplicaState();
      StringBuilder log = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        String line = random.nextInt(5) == 0
            ? live.promise(random.nextInt(10))
            : live.put("k" + random.nextInt(4),
                new Versioned("v" + i, random.nextInt(10), random.nextInt(5)));
        if (line != null) {
          log.append(line);
        }
      }
      ReplicaState replayed = ReplicaState.replay(bytes(log.toString()));
      assertThat(replayed.data()).as("seed %d", seed).isEqualTo(live.data());
      assertThat(replayed.promised()).as("seed %d", seed).isEqualTo(live.promised());
    }
  }

  @Test
  void aLastLineCutShortByACrashIsIgnored() {
    ReplicaState state = ReplicaState.replay(bytes("P 3\nW k v1 3 1\nW k v2 3"));
    assertThat(state.data()).containsExactly(Map.entry("k", new Versioned("v1", 3, 1)));
    assertThat(ReplicaState.replay(new byte[0]).data()).isEmpty();
  }

  @Test
  void aCorruptLineIsAnErrorNamingTheLine() {
    for (String corrupt : List.of("X 1\n", "P\n", "P -1\n", "P 1 2\n", "W k v 1\n",
        "W k v a 1\n", "W k v\u0000 1 1\n", "W k/x v 1 1\n", "P 99999999999999999999\n")) {
      assertThatThrownBy(() -> ReplicaState.replay(bytes("P 1\n" + corrupt)))
          .as(corrupt).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("replica log line 2 is corrupt");
    }
  }

  @Test
  void entriesTravelAndMalformedOnesAreRefused() {
    Map<String, Versioned> entries =
        Map.of("a", new Versioned("x", 1, 2), "b", new Versioned("y", 3, 0));
    String wire = "ok 7" + Wire.entries(new java.util.TreeMap<>(entries));
    assertThat(Wire.entries(wire.split(" "), 2)).isEqualTo(entries);
    for (String bad : List.of("a x 1", "a x 1 2 b", "a x -1 2", "a x 1 2.5", "a  1 2",
        "a x 1 1234567890123456789")) {
      assertThatThrownBy(() -> Wire.entries(bad.split(" "), 0)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theFrontendAcceptsOnlyWellFormedRequests() {
    assertThat(KvFrontend.wellFormed("get k1".split(" ", -1))).isTrue();
    assertThat(KvFrontend.wellFormed("put k1 v-2.x".split(" ", -1))).isTrue();
    for (String bad : List.of("", "get", "get ", "put k1", "put k1 v1 extra", "del k1",
        "get k 1", "put k1  v1", "put k1 " + "v".repeat(65), "get k\u00e9", "GET k1",
        "put k1 v\n1")) {
      assertThat(KvFrontend.wellFormed(bad.split(" ", -1))).as(bad).isFalse();
    }
  }

  @Test
  void settingsNeedAHostAndNameTheirBugs() {
    assertThatThrownBy(() -> ReplicatedSettings.of(List.of(), ReplicatedSettings.Bug.NONE))
        .hasMessageContaining("at least one host");
    assertThat(ReplicatedSettings.of(List.of("a", "b", "c", "d"), ReplicatedSettings.Bug.NONE)
        .majority()).isEqualTo(3);
    for (ReplicatedSettings.Bug bug : ReplicatedSettings.Bug.values()) {
      assertThat(ReplicatedSettings.Bug.named(bug.option())).isEqualTo(bug);
    }
    assertThat(ReplicatedSettings.Bug.named("stale_term")).isNull();
  }
}
