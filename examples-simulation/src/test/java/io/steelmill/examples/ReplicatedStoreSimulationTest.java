package io.steelmill.examples;

import static io.steelmill.examples.CliRun.group;
import static io.steelmill.examples.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliRun.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The replicated store under simulation: bug-free seeds pass the history check; each planted bug
 * is found within a fixed range of seeds, explained by a minimal set of operations, and replays.
 */
class ReplicatedStoreSimulationTest {
  /** Seeds 1..{@code seeds} with {@code bug}: stops at the first violation, which it returns. */
  private static String firstViolation(String bug, int seeds) {
    Run run = run("cluster", "simulate", "--store", "replicated", "--nodes", "5", "--seeds",
        String.valueOf(seeds), "--bug", bug);
    assertThat(run.code()).as(bug + ": " + run.out()).isEqualTo(1);
    assertThat(run.out()).contains("client history not linearizable")
        .containsPattern("[23] operations on key \"k\\d\" that cannot be linearized together,"
            + " whatever the others did")
        .contains("--store replicated --bug " + bug + " --history");
    return run.out();
  }

  @Test
  void bugFreeSeedsAreLinearizable() {
    Run run = run("cluster", "simulate", "--store", "replicated", "--nodes", "5", "--seeds", "8");
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("violations: 0")
        .containsPattern("acknowledged writes: [1-9][0-9]{3,}")
        .containsPattern("histories: 8 linearizable \\([1-9][0-9]{4,} operations checked\\)");
  }

  @Test
  void aStaleReadByADeposedPrimaryIsFoundInTheFirstFiveSeeds() {
    assertThat(firstViolation("stale-read", 5)).contains("violation at seed 3: ");
  }

  @Test
  void anEarlyAcknowledgementIsFoundInTheFirstTwentySeeds() {
    assertThat(firstViolation("early-ack", 20)).contains("violation at seed 17: ");
  }

  @Test
  void aReusedStaleTermIsFoundInTheFirstFiveSeeds() {
    assertThat(firstViolation("stale-term", 5)).contains("violation at seed 1: ");
  }

  @Test
  void aViolationReplaysWithTheSameTraceAndItsHistoryChecksTheSame() throws Exception {
    String search = firstViolation("stale-term", 2);
    String hash = group(search, "trace sha256: ([0-9a-f]{64})");
    Path history = Files.createTempFile("replicated", ".edn");
    Run replay = run("cluster", "simulate", "--store", "replicated", "--nodes", "5", "--seed",
        "1", "--bug", "stale-term", "--history", history.toString());
    assertThat(replay.code()).isEqualTo(1);
    assertThat(replay.out()).contains("trace sha256: " + hash).contains("not linearizable");
    Run check = run("check", "--model", "kv", history.toString());
    assertThat(check.code()).as(check.out()).isEqualTo(1);
    assertThat(check.out()).startsWith(history + ": not linearizable")
        .contains("whatever the others did");
  }

  @Test
  void mistakesAboutTheStoreAreOneLine() {
    String[][] cases = {
      {"unknown --store \"raft\"; use fenced or replicated", "--store", "raft"},
      {"--unfenced is an option of the fenced store", "--store", "replicated", "--unfenced"},
      {"--bug stale-term needs the replicated store: add --store replicated", "--bug",
          "stale-term"},
      {"unknown --bug \"typo\"; use none, stale-read, early-ack or stale-term", "--store",
          "replicated", "--bug", "typo"},
    };
    for (String[] c : cases) {
      String[] args = new String[c.length + 1];
      args[0] = "cluster";
      args[1] = "simulate";
      System.arraycopy(c, 1, args, 2, c.length - 1);
      Run run = run(args);
      assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err().lines().toList()).as(String.join(" ", args)).singleElement()
          .asString().contains(c[0]);
    }
  }
}
