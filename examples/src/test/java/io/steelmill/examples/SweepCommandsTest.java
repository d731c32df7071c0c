package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.pingpong.SteelmillPingPong;
import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SweepReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps from the command line, each in a fresh JVM as a user runs them: any number of jobs
 * prints the same thing, and shards run as separate processes add up, after merge-results, to the
 * whole sweep, seed for seed. The production build refuses the simulation commands.
 */
class SweepCommandsTest {
  private static final boolean SIMULATION = "simulation".equals(SteelmillPingPong.MODE);

  /** A finished command line: exit code, standard output, standard error. */
  private record Run(int exit, String out, String err) {}

  private static Process start(String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command = new ArrayList<>(List.of(java,
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        // the simulation agent attaches itself from inside, quietly
        "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  private static Run finish(Process process) throws Exception {
    // read stderr on the side: a full pipe would block the child
    var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        return e.toString();
      }
    }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean done = process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES);
    assertThat(done).as("the command finished within 5 minutes").isTrue();
    return new Run(process.exitValue(), out, err.get());
  }

  private static Run run(String... args) throws Exception {
    return finish(start(args));
  }

  private static List<String> identities(Path report) throws Exception {
    return SweepReport.read(report).results().stream().map(SeedResult::identity).toList();
  }

  @Test
  void twoJobsPrintWhatOneJobPrints(@TempDir Path reports) throws Exception {
    String[] sweep = {"cluster", "simulate", "--seeds", "4", "--virtual", "3s", "--unfenced",
        "--keep-going"};
    Process one = start(concat(sweep, "--jobs", "1", "--report-dir", reports.resolve("one").toString()));
    Process two = start(concat(sweep, "--jobs", "2", "--report-dir", reports.resolve("two").toString()));
    Run first = finish(one);
    Run second = finish(two);
    if (!SIMULATION) {
      assertThat(first.exit()).isEqualTo(2);
      assertThat(first.err()).contains("runs in the simulation build");
      return;
    }
    assertThat(first.out()).contains("seeds: 4,").isEqualTo(second.out());
    assertThat(first.exit()).isEqualTo(second.exit());
    assertThat(identities(reports.resolve("two"))).hasSize(4)
        .isEqualTo(identities(reports.resolve("one")));
  }

  @Test
  void shardProcessesTogetherAreTheWholeSweepSeedForSeed(@TempDir Path reports) throws Exception {
    String[] sweep = {"cluster", "simulate", "--seeds", "7", "--virtual", "3s", "--unfenced",
        "--keep-going", "--jobs", "1"};
    List<Process> processes = new ArrayList<>();
    processes.add(start(concat(sweep, "--report-dir", reports.resolve("whole").toString())));
    List<String> shardDirs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path dir = reports.resolve("shard-" + i);
      shardDirs.add(dir.toString());
      processes.add(start(concat(sweep, "--shard", i + "/3", "--report-dir", dir.toString())));
    }
    List<Run> runs = new ArrayList<>();
    for (Process process : processes) {
      runs.add(finish(process));
    }
    if (!SIMULATION) {
      assertThat(runs).allMatch(r -> r.exit() == 2);
      return;
    }
    List<String> merge = new ArrayList<>(List.of("merge-results", "--out",
        reports.resolve("merged").toString()));
    merge.addAll(shardDirs);
    Run merged = run(merge.toArray(String[]::new));
    List<String> whole = identities(reports.resolve("whole"));
    assertThat(whole).hasSize(7);
    assertThat(identities(reports.resolve("merged"))).isEqualTo(whole);
    assertThat(merged.out()).contains("shards: 3 of 3, seeds: 7");
    // every violation the whole sweep printed, a shard printed too
    List<String> shardViolations = new ArrayList<>();
    for (Run shard : runs.subList(1, 4)) {
      shard.out().lines().filter(l -> l.startsWith("violation at seed")).forEach(shardViolations::add);
    }
    List<String> wholeViolations =
        runs.get(0).out().lines().filter(l -> l.startsWith("violation at seed")).toList();
    assertThat(shardViolations).containsExactlyInAnyOrderElementsOf(wholeViolations);
    assertThat(merged.exit()).isEqualTo(wholeViolations.isEmpty() ? 0 : 1);
    assertThat(Files.readString(reports.resolve("merged/failing-seeds.json")))
        .contains("cluster simulate --nodes 5 --seed");
  }

  @Test
  void workerProcessesPrintWhatOneJobPrintsSeedForSeed(@TempDir Path reports) throws Exception {
    // violations included: the parent replays a seed a worker found failing, for its details
    String[] sweep = {"cluster", "simulate", "--seeds", "9", "--virtual", "3s", "--unfenced",
        "--keep-going"};
    Process one = start(concat(sweep, "--jobs", "1", "--report-dir",
        reports.resolve("one").toString()));
    Process workers = start(concat(sweep, "--jobs", "3", "--processes", "--report-dir",
        reports.resolve("workers").toString()));
    Run first = finish(one);
    Run second = finish(workers);
    if (!SIMULATION) {
      assertThat(second.exit()).isEqualTo(2);
      return;
    }
    assertThat(second.err()).as(second.err()).doesNotContain("Exception");
    assertThat(first.out()).as("the workers' stderr:%n%s", second.err()).contains("seeds: 9,")
        .isEqualTo(second.out());
    assertThat(second.exit()).isEqualTo(first.exit());
    assertThat(identities(reports.resolve("workers"))).hasSize(9)
        .isEqualTo(identities(reports.resolve("one")));
  }

  @Test
  void workerProcessesStopAtTheFirstViolationAsThreadsDo() throws Exception {
    String[] sweep = {"cluster", "simulate", "--seeds", "40", "--virtual", "3s", "--unfenced"};
    Run threads = run(concat(sweep, "--jobs", "2"));
    Run processes = run(concat(sweep, "--jobs", "2", "--processes"));
    if (!SIMULATION) {
      return;
    }
    assertThat(processes.out()).isEqualTo(threads.out());
    assertThat(processes.exit()).isEqualTo(threads.exit());
  }

  @Test
  void badSweepOptionsAreOneLineErrors() throws Exception {
    for (String[] bad : List.of(
        new String[] {"cluster", "simulate", "--shard", "3/3"},
        new String[] {"cluster", "simulate", "--shard", "one/3"},
        new String[] {"cluster", "simulate", "--jobs", "0"},
        new String[] {"cluster", "simulate", "--seed", "3", "--processes"},
        new String[] {"cluster", "simulate", "--seeds", "3", "--processes", "--worker", "2/2"},
        new String[] {"pingpong", "--seeds", "0"},
        new String[] {"pingpong", "--seeds", "3", "--shard", "-1/2"},
        new String[] {"pingpong", "--shard", "0/2"})) {
      Run result = run(bad);
      assertThat(result.exit()).as(String.join(" ", bad)).isEqualTo(2);
      if (SIMULATION) {
        assertThat(result.err().strip().lines().toList()).as(String.join(" ", bad)).hasSize(1);
        assertThat(result.err()).containsAnyOf("--shard", "--jobs", "--seeds", "--processes",
                "--worker")
            .doesNotContain("Exception").doesNotContain("\tat ");
      }
    }
  }

  private static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }
}
