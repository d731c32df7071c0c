package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gRPC store under simulation: it holds under the nemesis, and a seed replays exactly. */
class GrpcClusterSimulationTest {
  record Run(int code, String out) {}

  private static Run run(String... args) {
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      int code = Cli.commandLine(new Main()).execute(args);
      return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
  }

  private static String hash(String out) {
    Matcher matcher = Pattern.compile("trace sha256: ([0-9a-f]{64})").matcher(out);
    assertThat(matcher.find()).as(out).isTrue();
    return matcher.group(1);
  }

  @Test
  void theFencedStoreOverGrpcHoldsAndASeedReplaysItsTrace() {
    Run sweep = run("cluster", "simulate", "--nodes", "3", "--seeds", "3", "--virtual", "5s",
        "--transport", "grpc");
    assertThat(sweep.code()).as(sweep.out()).isZero();
    assertThat(sweep.out()).contains("violations: 0").containsPattern("acknowledged writes: [1-9]")
        .containsPattern("histories: 3 linearizable");
    Run first = run("cluster", "simulate", "--nodes", "3", "--seed", "2", "--virtual", "5s",
        "--transport", "grpc");
    Run again = run("cluster", "simulate", "--nodes", "3", "--seed", "2", "--virtual", "5s",
        "--transport", "grpc");
    Run tcp = run("cluster", "simulate", "--nodes", "3", "--seed", "2", "--virtual", "5s");
    assertThat(first.code()).as(first.out()).isZero();
    assertThat(hash(again.out())).isEqualTo(hash(first.out()));
    assertThat(hash(tcp.out())).as("gRPC calls show in the trace").isNotEqualTo(hash(first.out()));
    assertThat(first.out()).contains("linearizable");
  }
}
