package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Worker JVMs that misbehave in ways {@link SeedProcessesTest} does not try: one that chatters
 * on stdout forever instead of reporting its seed (the chatter must not count as progress, or
 * the quiet bound never fires), one that prints a line without end (the sweep must not buffer
 * it whole), one that floods stderr, one reporting a hash that is no hash, one reporting a seed
 * of another sweep. Each ends with a message naming the worker and the seed, never a hang, an
 * OutOfMemoryError or a wrong result taken in.
 */
@Timeout(240)
class SeedProcessesHostileTest {
  private static final List<Long> SEEDS =
      List.of(7L, 3L, 11L, 1L, 20L, 9L, 2L, 15L, 4L, 30L, 6L, 13L, 5L);

  private static List<SeedLine> sweep(String behaviour, Duration quiet) {
    String seeds = SEEDS.stream().map(String::valueOf).collect(Collectors.joining(","));
    List<SeedLine> handed = new ArrayList<>();
    SeedProcesses.run(SEEDS, 2,
        part -> WorkerJvm.command(ScriptedWorker.class,
            List.of(behaviour, "0", seeds, part.toString())),
        quiet, ScriptedWorker::hash, line -> line, handed::add, line -> false);
    return handed;
  }

  @AfterEach
  void noWorkerOutlivesItsSweep() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!alive().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(alive()).as("worker JVMs still running after the sweep").isEmpty();
  }

  private static List<ProcessHandle> alive() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.isAlive() && p.info().arguments().map(a -> List.of(a).contains(
            ScriptedWorker.class.getName())).orElse(false))
        .toList();
  }

  @Test
  void aWorkerThatChattersButNeverReportsIsStoppedAfterTheQuietBound() {
    // seed 9 is the one it chatters on; on a machine slow enough to take 30 s to start a JVM,
    // the bound rightly catches it at one of its first seeds, before any chatter
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
        () -> sweep("chatters", Duration.ofSeconds(30)));
    assertThat(thrown).isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2")
        .hasMessageMatching("(?s).*reported nothing for PT30S while seed (3|1|9) was due.*");
    if (thrown.getMessage().contains("while seed 9 was due")) {
      assertThat(thrown).hasMessageContaining("stdout: still working on seed 9");
    }
  }

  @Test
  void aLineWithoutEndIsReportedNotBuffered() {
    assertThatThrownBy(() -> sweep("floods", Duration.ofMinutes(2)))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2")
        .hasMessageContaining("printed (a line of more than 1048576 characters)")
        .hasMessageContaining("seed 9 has no result");
  }

  @Test
  void aFloodOnStderrLosesNoResult() {
    List<SeedLine> handed = sweep("floods-stderr", Duration.ofMinutes(2));
    assertThat(handed.stream().map(l -> l.result().seed()).toList()).isEqualTo(SEEDS);
  }

  @Test
  void aHashThatIsNoHashIsReported() {
    assertThatThrownBy(() -> sweep("bad-hash", Duration.ofMinutes(2)))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2")
        .hasMessageContaining("reported seed 9 with the trace hash \"not-a-hash\", which is not"
            + " a SHA-256");
  }

  @Test
  void aSeedOfAnotherSweepIsReported() {
    assertThatThrownBy(() -> sweep("other-suite", Duration.ofMinutes(2)))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2")
        .hasMessageContaining("reported seed 9 of \"scripted --other\", where this sweep runs"
            + " \"scripted\"");
  }
}
