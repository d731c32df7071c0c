package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.cluster.SteelmillStoreHost;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster run} ended by a signal (Ctrl-C, {@code kill}, a container's stop) while its
 * nodes run: a real child JVM sent SIGTERM. The run stops its cluster and its embedded ZooKeeper
 * and leaves nothing behind in the temporary directory (the ZooKeeper data, the replicas'
 * folders), says so in one line on stderr, and never prints a stack trace.
 */
class RunSignalTest {
  @TempDir Path temp;

  @ParameterizedTest(name = "--store {0}")
  @ValueSource(strings = {"fenced", "replicated"})
  void aTerminatedRunStopsItsClusterAndLeavesNoTemporaryFiles(String store) throws Exception {
    Assumptions.assumeTrue("production".equals(SteelmillStoreHost.MODE), "cluster run: production");
    Path tmp = Files.createDirectories(temp.resolve("tmp"));
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process process = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "cluster", "run", "--nodes", "3", "--writes", "100000", "--store", store).start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        return e.toString();
      }
    });
    List<String> out = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        out.add(line);
        if (line.startsWith("network:")) {
          break; // every node runs
        }
      }
      assertThat(out).as("the run started: %s / %s", out, err.getNow("")).isNotEmpty()
          .last().asString().startsWith("network:");
      process.toHandle().destroy(); // SIGTERM; Process.destroy() would close our pipes too
      while ((line = lines.readLine()) != null) {
        out.add(line);
      }
    }
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("ended").isTrue();
    String errors = err.get(1, TimeUnit.MINUTES);
    String label = "out: " + out + "\nerr: " + errors;
    assertThat(errors).as(label).doesNotContain("\tat ").doesNotContain("Caused by:");
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(Path::getFileName).map(Path::toString).toList())
          .as("left in the temporary directory; " + label).isEmpty();
    }
    assertThat(errors).as(label).contains("stopped by a signal");
  }

  @ParameterizedTest(name = "--store {0}")
  @ValueSource(strings = {"fenced", "replicated"})
  void aRunThatEndsLeavesNoTemporaryFiles(String store) throws Exception {
    Assumptions.assumeTrue("production".equals(SteelmillStoreHost.MODE), "cluster run: production");
    Path tmp = Files.createDirectories(temp.resolve("tmp"));
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process process = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "cluster", "run", "--nodes", "3", "--writes", "4", "--store", store)
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(Path::getFileName).map(Path::toString).toList())
          .as("left in the temporary directory; " + output).isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void aReplicatedRunOfTwoNodesIsRefusedBeforeItStarts() {
    CliHostileTest.Result result = CliHostileTest.run("cluster", "run", "--store", "replicated",
        "--nodes", "2");
    CliHostileTest.assertNoStackTrace(result, result.err());
    assertThat(result.code()).as(result.err()).isEqualTo(Cli.USAGE);
    assertThat(result.err().lines().toList()).as(result.err()).hasSize(1);
    assertThat(result.err()).contains("--store replicated needs --nodes 3 or more");
    assertThat(result.out()).isEmpty();
  }
}
