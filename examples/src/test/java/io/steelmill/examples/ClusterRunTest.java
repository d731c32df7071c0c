package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.cluster.SteelmillStoreHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cluster run}: in the production build, three hosts over loopback TCP with an embedded
 * ZooKeeper lose their leader midway and lose no acknowledged write; the simulation build says
 * to use the production build.
 */
class ClusterRunTest {
  @Test
  void productionRunLosesNoAcknowledgedWrite() {
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new CommandLine(new Main()).execute("cluster", "run", "--nodes", "3", "--writes", "60");
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    if ("simulation".equals(SteelmillStoreHost.MODE)) {
      assertThat(code).isEqualTo(2);
      assertThat(errBytes.toString(StandardCharsets.UTF_8))
          .contains("cluster run runs in the production build");
      return;
    }
    assertThat(code).as(out).isZero();
    assertThat(out)
        .containsPattern("zookeeper: embedded at 127\\.0\\.0\\.1:\\d+")
        .contains("network: loopback TCP, peers authenticated with a per-run secret")
        .containsPattern("stopped the leader n\\d")
        .contains("acknowledged writes: 60, lost: 0");
  }

  @Test
  void theReplicatedStoreLosesNoAcknowledgedWriteWhenItsPrimaryStops() {
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new CommandLine(new Main()).execute("cluster", "run", "--store", "replicated",
          "--nodes", "3", "--writes", "40");
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    if ("simulation".equals(SteelmillStoreHost.MODE)) {
      assertThat(code).isEqualTo(2);
      return;
    }
    assertThat(code).as(out + errBytes).isZero();
    assertThat(out)
        .contains("replicas: one folder per host under a temporary directory, fsync'd")
        .containsPattern("stopped the primary n\\d")
        .containsPattern("acknowledged writes: 40, takeovers: [2-9]\\d*, keys read back: 10,"
            + " lost: 0");
  }
}
