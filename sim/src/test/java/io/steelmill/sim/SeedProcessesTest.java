package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sweeps in worker JVMs ({@link ScriptedWorker}): results come back in seed order and intact, and
 * every way a worker can fail (killed, dead, hung, garbled, lying, failing at exit) ends the
 * sweep with a message naming the worker and the seed without a result, never a lost seed or a
 * hang; no worker outlives its sweep.
 */
@Timeout(180)
class SeedProcessesTest {
  /** Seeds in an order of their own: results follow the list, not the numbers. */
  private static final List<Long> SEEDS =
      List.of(7L, 3L, 11L, 1L, 20L, 9L, 2L, 15L, 4L, 30L, 6L, 13L, 5L);
  private static final Duration QUIET = Duration.ofMinutes(2);

  private static List<SeedLine> sweep(String behaviour, long millis, int workers,
      Duration quiet, java.util.function.Consumer<SeedLine> also) {
    String seeds = SEEDS.stream().map(String::valueOf).collect(Collectors.joining(","));
    List<SeedLine> handed = new ArrayList<>();
    SeedProcesses.run(SEEDS, workers,
        part -> WorkerJvm.command(ScriptedWorker.class,
            List.of(behaviour, String.valueOf(millis), seeds, part.toString())),
        quiet, ScriptedWorker::hash, line -> line, line -> {
          handed.add(line);
          also.accept(line);
        }, line -> false);
    return handed;
  }

  @AfterEach
  void noWorkerOutlivesItsSweep() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!workersAlive().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(workersAlive()).as("worker JVMs still running after the sweep").isEmpty();
  }

  private static List<ProcessHandle> workersAlive() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.isAlive() && p.info().arguments().map(a -> List.of(a).contains(
            ScriptedWorker.class.getName())).orElse(false))
        .toList();
  }

  @Test
  void resultsComeBackInSeedOrderIntact() {
    List<SeedLine> handed = sweep("behaves", 5, 3, QUIET, line -> { });
    assertThat(handed.stream().map(l -> l.result().seed()).toList()).isEqualTo(SEEDS);
    for (SeedLine line : handed) {
      assertThat(line).as("seed " + line.result().seed())
          .isEqualTo(ScriptedWorker.line(line.result().seed()));
    }
  }

  @Test
  void moreWorkersThanSeedsAndOneWorkerGiveTheSameResults() {
    List<SeedLine> one = sweep("behaves", 0, 1, QUIET, line -> { });
    List<SeedLine> many = sweep("behaves", 0, 20, QUIET, line -> { });
    assertThat(many).isEqualTo(one).hasSize(SEEDS.size());
  }

  @Test
  void aWorkerKilledMidRunIsReportedWithTheSeedItOwed() {
    // worker 1 hangs at its third seed (3, 1, 9) until killed: it is alive when its first result
    // is handed over whatever the load (a second a seed was a real-time bound: a worker 0 that
    // took over 6 s to start let worker 1 finish and exit before the kill, and the sweep passed)
    assertThatThrownBy(() -> sweep("hangs", 0, 2, QUIET, line -> {
      if (line.result().seed() == SEEDS.get(1)) { // worker 1 (3, 1, 9, ...) is mid-run now
        workersAlive().stream()
            .filter(p -> p.info().arguments().map(a -> List.of(a).contains("1/2")).orElse(false))
            .forEach(ProcessHandle::destroyForcibly);
      }
    })).isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2 (pid ")
        .hasMessageContaining("exited with code 137 (killed by signal 9)")
        .hasMessageMatching("(?s).*seed (1|9|15|30|13) has no result.*");
  }

  @Test
  void aWorkerThatDiesIsReportedWithItsLastWords() {
    assertThatThrownBy(() -> sweep("dies", 0, 2, QUIET, line -> { }))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2")
        .hasMessageContaining("exited with code 3")
        .hasMessageContaining("seed 9 has no result") // worker 1's third: 3, 1, 9
        .hasMessageContaining("worker 1 is going down at seed 9");
  }

  @Test
  void aWorkerThatHangsIsStoppedAfterTheQuietBound() {
    // seed 9 is the one it hangs on; on a machine slow enough to take 10 s to start a JVM, the
    // bound rightly catches it at one of its first seeds
    assertThatThrownBy(() -> sweep("hangs", 0, 2, Duration.ofSeconds(10), line -> { }))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2")
        .hasMessageMatching("(?s).*reported nothing for PT10S while seed (3|1|9) was due.*");
  }

  @Test
  void aStrayLineOnStdoutIsNoResultAndLosesNothing() {
    assertThat(sweep("strays", 0, 2, QUIET, line -> { })).hasSize(SEEDS.size());
  }

  @Test
  void aGarbledResultLineIsReported() {
    assertThatThrownBy(() -> sweep("garbles", 0, 2, QUIET, line -> { }))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2")
        .hasMessageContaining("where a result was due")
        .hasMessageContaining("seed 9 has no result");
  }

  @Test
  void aWorkerReportingAnotherWorkersSeedIsReported() {
    assertThatThrownBy(() -> sweep("foreign", 0, 2, QUIET, line -> { }))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("reported seed 7, which is not one of its seeds");
  }

  @Test
  void aWorkerReportingASeedTwiceIsReported() {
    assertThatThrownBy(() -> sweep("twice", 0, 2, QUIET, line -> { }))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("reported seed 3 twice");
  }

  @Test
  void aWorkerFailingAfterItsSeedsIsReported() {
    assertThatThrownBy(() -> sweep("fails-at-exit", 0, 2, QUIET, line -> { }))
        .isInstanceOf(SimulationException.class)
        .hasMessageContaining("worker 1/2")
        .hasMessageContaining("reported all its seeds, then exited with code 4");
  }

  @Test
  void aStopResultEndsTheSweepAndItsWorkers() {
    String seeds = SEEDS.stream().map(String::valueOf).collect(Collectors.joining(","));
    List<Long> handed = new ArrayList<>();
    int count = SeedProcesses.run(SEEDS, 2,
        part -> WorkerJvm.command(ScriptedWorker.class,
            List.of("behaves", "200", seeds, part.toString())),
        QUIET, ScriptedWorker::hash, line -> line, line -> handed.add(line.result().seed()),
        line -> !line.result().passed());
    assertThat(handed).containsExactly(7L, 3L, 11L, 1L, 20L); // 20 is the first failing seed
    assertThat(count).isEqualTo(5);
  }

  @Test
  void anEmptySweepStartsNoWorker() {
    int count = SeedProcesses.run(List.of(), 2, part -> {
      throw new AssertionError("a worker started for " + part);
    }, QUIET, ScriptedWorker::hash, line -> line, line -> { }, line -> false);
    assertThat(count).isZero();
  }

  @Test
  void aWorkerIsThisJavaWithItsOptionsAndClassPath() {
    List<String> command = WorkerJvm.command(ScriptedWorker.class, List.of("a", "b"));
    assertThat(command.get(0))
        .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    assertThat(command).containsSubsequence("-cp", System.getProperty("java.class.path"),
        ScriptedWorker.class.getName(), "a", "b");
    assertThat(command).containsAll(ManagementFactory.getRuntimeMXBean().getInputArguments()
        .stream().filter(o -> !o.startsWith("-agentlib:jdwp")
            && !o.startsWith("-XX:StartFlightRecording")).toList());
    assertThat(command).noneMatch(o -> o.startsWith("-agentlib:jdwp"));
  }

  @Test
  void aMainClassOffTheClassPathIsRefusedWithTheWayOut() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    try (URLClassLoader other =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> elsewhere = other.loadClass(ScriptedWorker.class.getName());
      assertThatThrownBy(() -> WorkerJvm.command(elsewhere, List.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("was not loaded from this JVM's class path")
          .hasMessageContaining("run the command with java -cp");
    }
  }

  @Test
  void aResultLineSurvivesAnyText() {
    SplitMix64 random = new SplitMix64(13);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int c = random.nextInt(40); c > 0; c--) {
        text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x40)
            : random.nextInt(0x3000)));
      }
      SeedLine line = new SeedLine(new SeedResult(text.toString(), random.nextLong(),
          random.nextInt(2) == 0, "ab" + i, i % 3 == 0 ? null : text.toString(),
          i % 2 == 0 ? null : text + "!", random.nextLong(1_000_000)),
          java.util.Map.of(text.toString(), random.nextLong()));
      String encoded = line.encode();
      assertThat(encoded).as("case %d", i).doesNotContain("\n").doesNotContain("\r");
      assertThat(SeedLine.decode(encoded)).as("case %d (seed 13)", i).isEqualTo(line);
    }
  }

  @Test
  void aBrokenResultLineIsAClearError() {
    for (String bad : List.of("", "steelmill-seed", SeedLine.PREFIX + "{}",
        SeedLine.PREFIX + "{\"seed\": \"one\"}", SeedLine.PREFIX + "[1, 2]",
        SeedLine.PREFIX + "{\"suite\": \"s\", \"seed\": 1, \"passed\": true,"
            + " \"traceSha256\": \"x\", \"failure\": null, \"replay\": null, \"wallNanos\": 1,"
            + " \"counts\": {\"a\": \"b\"}}")) {
      assertThatThrownBy(() -> SeedLine.decode(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
