package io.steelmill.examples;

import static io.steelmill.examples.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliRun.Run;
import org.junit.jupiter.api.Test;

/** The gRPC store under simulation: it holds under the nemesis, and a seed replays exactly. */
class GrpcClusterSimulationTest {
  private static String hash(String out) {
    return CliRun.group(out, "trace sha256: ([0-9a-f]{64})");
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
