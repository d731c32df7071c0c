package io.steelmill.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.Main;
import io.steelmill.sim.SeedResult;
import io.steelmill.sim.SweepReport;
import io.steelmill.sim.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster store's seeds give the same traces whatever the JVM decides on its own: its
 * identity hash codes and thread ids. A sweep in worker JVMs compares a worker's hash with this
 * JVM's replay (SweepCommandsTest), and these differ in both: the parent JVM has created other
 * threads (its readers of the workers' output, compiler threads that start when the JIT needs
 * them), so its thread ids and the hash state of each new carrier thread are others. Here the
 * same seeds run in this JVM (after the other tests), in a fresh JVM whose identity hashes come
 * from a JVM-wide counter ({@code -XX:hashCode=3}, nearly insertion order in a hash set) and in
 * a fresh JVM that started threads before the sweep (other thread ids, another carrier hash
 * state); {@code IdentityHashRegimesTest} shows the first one catching a run that depends on
 * identity-hash order.
 */
class ClusterSeedsAnyJvmTest {
  private static final int SEEDS = 9;
  private static final String[] SWEEP = {"cluster", "simulate", "--seeds",
      Integer.toString(SEEDS), "--virtual", "3s", "--unfenced", "--keep-going", "--jobs", "1"};

  /** Starts some platform threads, then runs the examples' command line: other thread ids. */
  public static void main(String[] args) throws InterruptedException {
    for (int i = 0; i < 7; i++) {
      Thread thread = new Thread(() -> new Object().hashCode());
      thread.start();
      thread.join();
    }
    Main.main(args);
  }

  private static Map<Long, String> here() {
    StoreChoice unfenced = StoreChoice.of("fenced", true, "none", "tcp");
    Map<Long, String> hashes = new LinkedHashMap<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      hashes.put(seed, unfenced.run(seed, 5, Duration.ofSeconds(3), Trace.Level.TAIL,
          ClusterSimulation.NO_FAULT_OPTIONS).result().traceSha256());
    }
    return hashes;
  }

  private static Map<Long, String> freshJvm(List<String> options, Class<?> main, Path reports)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElseThrow(),
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading"));
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(SWEEP));
    command.addAll(List.of("--report-dir", reports.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the fresh JVM ended").isTrue();
    Map<Long, String> hashes = new LinkedHashMap<>();
    for (SeedResult result : SweepReport.read(reports).results()) {
      hashes.put(result.seed(), result.traceSha256());
    }
    return hashes;
  }

  @Test
  void seedsGiveTheirTracesWhateverTheIdentityHashesAndThreadIds(@TempDir Path dir)
      throws Exception {
    Map<Long, String> here = here();
    Map<Long, String> counted = freshJvm(
        List.of("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=3"), Main.class,
        dir.resolve("counted"));
    Map<Long, String> shifted = freshJvm(List.of(), ClusterSeedsAnyJvmTest.class,
        dir.resolve("shifted"));

    assertThat(here).hasSize(SEEDS);
    assertThat(counted).as("identity hashes from a counter").isEqualTo(here);
    assertThat(shifted).as("threads started first").isEqualTo(here);
  }
}
