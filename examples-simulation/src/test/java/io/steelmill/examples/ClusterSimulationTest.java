package io.steelmill.examples;

import static io.steelmill.examples.CliRun.group;
import static io.steelmill.examples.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliRun.Run;
import org.junit.jupiter.api.Test;

/** The fenced store under simulation: fenced holds, unfenced breaks, the break replays. */
class ClusterSimulationTest {
  @Test
  void fencedStoreHasNoViolations() {
    Run run = run("cluster", "simulate", "--nodes", "5", "--seeds", "10");
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("violations: 0").containsPattern("acknowledged writes: [1-9]")
        .containsPattern("histories: 10 linearizable \\([1-9][0-9]+ operations checked\\)");
  }

  @Test
  void theHistoryCheckerFindsAStaleReadAndTheSavedHistoryChecksTheSame() throws Exception {
    Run search =
        run("cluster", "simulate", "--nodes", "5", "--seeds", "300", "--bug", "stale-read");
    assertThat(search.code()).as(search.out()).isEqualTo(1);
    String seed = group(search.out(), "violation at seed (\\d+): ");
    assertThat(search.out()).contains("client history not linearizable")
        .contains("cannot place: process").contains("model states tried for it: ");
    java.nio.file.Path history = java.nio.file.Files.createTempFile("seed", ".edn");
    Run replay = run("cluster", "simulate", "--nodes", "5", "--seed", seed, "--bug", "stale-read",
        "--history", history.toString());
    assertThat(replay.code()).isEqualTo(1);
    assertThat(replay.out()).contains("history: ").contains("not linearizable");
    Run check = run("check", "--model", "kv", history.toString());
    assertThat(check.code()).as(check.out()).isEqualTo(1);
    assertThat(check.out()).startsWith(history + ": not linearizable");
  }

  @Test
  void anUnknownBugIsOneLine() {
    Run run = run("cluster", "simulate", "--seeds", "1", "--bug", "typo");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines().toList()).singleElement().asString()
        .contains("unknown --bug \"typo\"; use none, stale-read or early-ack");
  }

  @Test
  void oneSeedPrintsItsHashAndWritesItsTrace() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("cluster", ".trace");
    Run plain = run("cluster", "simulate", "--nodes", "3", "--seed", "4", "--virtual", "5s");
    Run traced = run("cluster", "simulate", "--nodes", "3", "--seed", "4", "--virtual", "5s",
        "--trace", file.toString());
    assertThat(plain.code()).isZero();
    String hash = group(plain.out(), "trace sha256: ([0-9a-f]{64})");
    assertThat(traced.out()).as("the hash does not depend on the trace kept").contains(hash);
    assertThat(java.nio.file.Files.readAllLines(file))
        .anyMatch(line -> line.contains("lease store-leader granted to"))
        .anyMatch(line -> line.contains(" step "));
  }

  @Test
  void unfencedStoreBreaksAndTheViolationReplays() {
    Run search = run("cluster", "simulate", "--nodes", "5", "--seeds", "300", "--unfenced");
    assertThat(search.code()).as(search.out()).isEqualTo(1);
    String seed = group(search.out(), "violation at seed (\\d+): ");
    String violation = group(search.out(), "violation at seed \\d+: (.*)");
    String hash = group(search.out(), "trace sha256: ([0-9a-f]{64})");
    assertThat(violation).contains("stale write accepted");
    assertThat(search.out()).contains("replay: ./mvnw -q -Psimulation -pl examples -am compile exec:java"
        + " -Dexec.args=\"cluster simulate --nodes 5 --seed " + seed + " --unfenced --history");

    Run replay = run("cluster", "simulate", "--nodes", "5", "--seed", seed, "--unfenced");
    assertThat(replay.code()).isEqualTo(1);
    assertThat(replay.out()).contains("violation: " + violation).contains("trace sha256: " + hash);
  }
}
