package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.cluster.SteelmillStoreHost;
import org.junit.jupiter.api.Test;

/**
 * {@code cluster run}: in the production build, three hosts over loopback TCP with an embedded
 * ZooKeeper lose their leader midway and lose no acknowledged write; the simulation build says
 * to use the production build.
 */
class ClusterRunTest {
  @Test
  void productionRunLosesNoAcknowledgedWrite() {
    CliRun.Run run = CliRun.run("cluster", "run", "--nodes", "3", "--writes", "60");
    if ("simulation".equals(SteelmillStoreHost.MODE)) {
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).contains("cluster run runs in the production build");
      return;
    }
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern("zookeeper: embedded at 127\\.0\\.0\\.1:\\d+")
        .contains("network: loopback TCP, peers authenticated with a per-run secret")
        .containsPattern("stopped the leader n\\d")
        .contains("acknowledged writes: 60, lost: 0");
  }

  @Test
  void theReplicatedStoreLosesNoAcknowledgedWriteWhenItsPrimaryStops() {
    CliRun.Run run = CliRun.run("cluster", "run", "--store", "replicated", "--nodes", "3",
        "--writes", "40");
    if ("simulation".equals(SteelmillStoreHost.MODE)) {
      assertThat(run.code()).isEqualTo(2);
      return;
    }
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("replicas: one folder per host under a temporary directory, fsync'd")
        .containsPattern("stopped the primary n\\d")
        .containsPattern("acknowledged writes: 40, takeovers: [2-9]\\d*, keys read back: 10,"
            + " lost: 0");
  }
}
