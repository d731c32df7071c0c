package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker JVM's trace hash of a passing seed is checked against this JVM's own run of the seed
 * for a fixed sample (each worker's 1st, 4th, 16th, ... result), so a worker that runs another
 * simulation than this JVM is caught on its first result, and one that drifts later within the
 * sample, instead of the sweep reporting hashes no replay reproduces.
 */
@Timeout(180)
class WorkerHashCheckTest {
  private static final List<Long> SEEDS = LongStream.rangeClosed(1, 40).boxed().toList();
  private static final Duration QUIET = Duration.ofMinutes(2);

  /** The seeds this JVM ran to check, and the results handed over. */
  private static List<SeedLine> sweep(String behaviour, Set<Long> ranHere) {
    String seeds = SEEDS.stream().map(String::valueOf).collect(Collectors.joining(","));
    List<SeedLine> handed = new ArrayList<>();
    SeedProcesses.run(SEEDS, 2,
        part -> WorkerJvm.command(ScriptedWorker.class,
            List.of(behaviour, "0", seeds, part.toString())),
        QUIET, seed -> {
          ranHere.add(seed);
          return ScriptedWorker.hash(seed);
        }, line -> line, handed::add, line -> false);
    return handed;
  }

  @Test
  void theSampleIsEachWorkersFirstFourthSixteenthResultAndSoOn() {
    List<Long> sampled = LongStream.range(0, 1_100_000).filter(SeedProcesses::checked).boxed()
        .toList();
    assertThat(sampled).containsExactly(0L, 3L, 15L, 63L, 255L, 1023L, 4095L, 16383L, 65535L,
        262143L, 1048575L);
    assertThat(SeedProcesses.checked(Long.MAX_VALUE)).isFalse();
    assertThat(SeedProcesses.checked((1L << 62) - 1)).isTrue();
  }

  @Test
  void honestWorkersPassAndOnlyTheSampleRunsHere() {
    Set<Long> ranHere = new TreeSet<>();
    List<SeedLine> handed = sweep("behaves", ranHere);
    assertThat(handed).extracting(line -> line.result().seed()).containsExactlyElementsOf(SEEDS);
    // worker 0 has seeds 1, 3, 5, ...; worker 1 has 2, 4, 6, ...: positions 0, 3 and 15 of each
    // (all passing: a seed fails when it is a multiple of 5)
    assertThat(ranHere).containsExactly(1L, 2L, 7L, 8L, 31L, 32L);
  }

  @Test
  void aWorkerThatRunsAnotherSimulationIsCaughtOnItsFirstResult() {
    assertThatThrownBy(() -> sweep("lies-from-0", new TreeSet<>()))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2")
        .hasMessageContaining("reported seed 2 with trace " + ScriptedWorker.hash(1002))
        .hasMessageContaining("gives trace " + ScriptedWorker.hash(2) + " in this JVM")
        .hasMessageContaining("seed 2 has no result")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aWorkerThatDriftsLaterIsCaughtAtTheNextSampledResult() {
    assertThatThrownBy(() -> sweep("lies-from-1", new TreeSet<>()))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2")
        .hasMessageContaining("reported seed 8 with trace " + ScriptedWorker.hash(1008));
  }

  @Test
  void aHashThatDiffersIsExplainedByTheLocalRunWithTheWorkersLine() {
    String seeds = SEEDS.stream().map(String::valueOf).collect(Collectors.joining(","));
    SeedProcesses.LocalRun explaining = new SeedProcesses.LocalRun() {
      private long last;

      @Override
      public String traceSha256(long seed) {
        last = seed;
        return ScriptedWorker.hash(seed);
      }

      @Override
      public String whyDiffers(SeedLine worker) {
        return "\n  here seed " + last + ", the worker's seed " + worker.result().seed()
            + " with trace " + worker.result().traceSha256();
      }
    };
    assertThatThrownBy(() -> SeedProcesses.run(SEEDS, 2,
        part -> WorkerJvm.command(ScriptedWorker.class,
            List.of("lies-from-0", "0", seeds, part.toString())),
        QUIET, explaining, line -> line, line -> { }, line -> false))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("gives trace " + ScriptedWorker.hash(2) + " in this JVM")
        .hasMessageEndingWith("\n  here seed 2, the worker's seed 2 with trace "
            + ScriptedWorker.hash(1002));
  }
}
