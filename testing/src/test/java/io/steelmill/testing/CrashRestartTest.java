package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.SimCluster;
import io.steelmill.sim.Simulation;
import java.time.Duration;

/** A crash keeps what was synced, loses what was not; a restart is a fresh node on the same disk. */
class CrashRestartTest {

  @SimulationTest(factory = Journaled.class, nodes = 2, seeds = 5)
  void crashKeepsSyncedDataAndLosesUnsyncedData(Simulation sim, SimCluster<?, ?> cluster)
      throws Exception {
    SteelmillJournaled before = (SteelmillJournaled) cluster.node("n0");
    cluster.call("n0", () -> {
      before.journal().record("synced", true);
      before.journal().record("unsynced", false);
      return null;
    });
    cluster.call("n1", () -> {
      ((SteelmillJournaled) cluster.node("n1")).journal().record("other node", false);
      return null;
    });
    assertThat(cluster.call("n0", () -> before.journal().contents())).isEqualTo("synced\nunsynced\n");

    cluster.crash("n0");
    assertThat(cluster.isUp("n0")).isFalse();
    sim.sleep(Duration.ofSeconds(1));
    SteelmillJournaled after = (SteelmillJournaled) cluster.restart("n0");

    assertThat(after).isNotSameAs(before);
    assertThat(cluster.incarnation("n0")).isEqualTo(2);
    assertThat(cluster.call("n0", () -> after.journal().contents())).isEqualTo("synced\n");
    assertThat(cluster.call("n1", () -> ((SteelmillJournaled) cluster.node("n1")).journal().contents()))
        .isEqualTo("other node\n");
  }
}
