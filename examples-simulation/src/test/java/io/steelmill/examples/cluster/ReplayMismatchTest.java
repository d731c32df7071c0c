package io.steelmill.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.SeedLine;
import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SimulationException;
import io.steelmill.sim.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's hash that this JVM's replay does not give is reported with where the runs parted: a
 * sweep in worker JVMs once failed in CI with two hashes and nothing else ("the run is not
 * deterministic"), and the difference never came back to be looked at.
 */
class ReplayMismatchTest {
  private static final String WORKER_HASH = "0".repeat(64);
  private static final StoreChoice UNFENCED = StoreChoice.of("fenced", true, "none", "tcp");

  /** Seed 4 of the unfenced store fails early (an accepted stale write): a short full trace. */
  private static ClusterSimulation.Outcome replayOfSeedFour() {
    return UNFENCED.run(4, 5, Duration.ofSeconds(3), Trace.Level.FULL,
        ClusterSimulation.NO_FAULT_OPTIONS);
  }

  private static SeedLine workerLine(ClusterSimulation.Outcome outcome, String hash) {
    SeedResult result = new SeedResult("cluster simulate --nodes 5 --unfenced --virtual 3s", 4,
        false, hash, "Invariant \"no stale write accepted\" failed", null, 0);
    return new SeedLine(result, Map.of("steps", outcome.result().steps() + 7, "events",
        outcome.result().events(), "virtualNanos", outcome.result().virtualNanos()));
  }

  @Test
  void theReportNamesBothRunsAndTheFirstLineWhereTheirFullTracesPart(@TempDir Path dir) {
    ClusterSimulation.Outcome replay = replayOfSeedFour();
    List<String> lines = replay.result().fullTrace();
    assertThat(lines).hasSizeGreaterThan(100);
    String parted = lines.get(100);
    // a fresh JVM whose run goes another way from line 100 on (what a leak would do)
    ReplayMismatch.FreshRun fresh = (seed, traceFile) -> {
      List<String> other = new ArrayList<>(lines.subList(0, 100));
      other.add("t=1 step 99");
      Files.write(traceFile, other);
      return WORKER_HASH;
    };

    SimulationException error =
        new ReplayMismatch(fresh, dir).of(workerLine(replay, WORKER_HASH), replay);

    String hash = replay.result().traceSha256();
    assertThat(error.getMessage())
        .startsWith("seed 4 gave trace " + WORKER_HASH + " in a worker JVM and " + hash
            + " here: the run is not deterministic")
        .contains("the worker's run: failed: Invariant \"no stale write accepted\" failed, "
            + (replay.result().steps() + 7) + " steps")
        .contains("this JVM's replay: failed: Invariant \"no stale write accepted\" failed at"
            + " virtual time PT0.988238422S", replay.result().steps() + " steps")
        .contains("a fresh JVM gave trace " + WORKER_HASH + " (the worker's)")
        .contains("agree on their first 100 lines")
        .contains("both:  " + lines.get(99))
        .contains("this JVM: " + parted)
        .contains("fresh JVM: t=1 step 99")
        .contains(dir.resolve("seed-4-replay.trace").toString());
    assertThat(dir.resolve("seed-4-replay.trace")).hasContent(String.join("\n", lines));
  }

  @Test
  void aFreshJvmRunsTheSeedWithTheSweepsOptionsAndGivesItsTrace(@TempDir Path dir) {
    ClusterSimulation.Outcome replay = replayOfSeedFour();
    ReplayMismatch.FreshRun fresh = ReplayMismatch.inFreshJvm(
        List.of("--nodes", "5", "--virtual", "3s", "--unfenced"));

    String message =
        new ReplayMismatch(fresh, dir).of(workerLine(replay, WORKER_HASH), replay).getMessage();

    // the same seed in a fresh JVM is this JVM's run: only the worker's hash was off
    assertThat(message).as(message)
        .contains("a fresh JVM gave trace " + replay.result().traceSha256() + " (this JVM's)")
        .contains("the two full traces are equal");
  }

  @Test
  void aFreshJvmThatCannotRunIsSaidAndTheHashesStillReported(@TempDir Path dir) {
    ClusterSimulation.Outcome replay = replayOfSeedFour();
    ReplayMismatch.FreshRun broken = (seed, traceFile) -> {
      throw new java.io.IOException("it printed no trace hash (exit code 2)");
    };

    String message =
        new ReplayMismatch(broken, dir).of(workerLine(replay, WORKER_HASH), replay).getMessage();

    assertThat(message).contains(WORKER_HASH).contains(replay.result().traceSha256())
        .contains("a fresh JVM could not run it again: it printed no trace hash (exit code 2)");
  }
}
