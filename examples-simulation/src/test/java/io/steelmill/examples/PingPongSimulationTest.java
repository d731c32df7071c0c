package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The simulation build's pingpong: its figures, and the same seed giving the same trace. */
class PingPongSimulationTest {
  private static final Pattern HASH = Pattern.compile("trace sha256: ([0-9a-f]{64})");

  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new Main()).execute(args);
      assertThat(code).isZero();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String hash(String output) {
    Matcher matcher = HASH.matcher(output);
    assertThat(matcher.find()).as(output).isTrue();
    return matcher.group(1);
  }

  @Test
  void printsItsFiguresAndReplaysASeed() {
    String first = run("pingpong", "--nodes", "4", "--virtual", "20s", "--seed", "42");
    assertThat(first)
        .containsPattern("delivered: [1-9][0-9]*")
        .containsPattern("messages/s: [0-9]+")
        .containsPattern("compression: [0-9]+x")
        .contains("partitions");

    assertThat(hash(run("pingpong", "--nodes", "4", "--virtual", "20s", "--seed", "42")))
        .isEqualTo(hash(first));
  }

  @Test
  void differentSeedsRunDifferently() {
    Set<String> hashes = new HashSet<>();
    for (int seed = 1; seed <= 5; seed++) {
      hashes.add(hash(run("pingpong", "--nodes", "3", "--virtual", "5s", "--seed", "" + seed)));
    }
    assertThat(hashes).hasSize(5);
  }

  /** The fresh JVM runs without the fast switches that this one has: they change no trace. */
  @Test
  void aFreshJvmPrintsTheSameHash() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process process =
        new ProcessBuilder(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "pingpong", "--nodes", "3", "--virtual", "10s", "--seed", "7")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();

    assertThat(hash(output)).isEqualTo(hash(run("pingpong", "--nodes", "3", "--virtual", "10s", "--seed", "7")));
  }
}
