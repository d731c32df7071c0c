package io.steelmill.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.NodeState;
import io.steelmill.runtime.Phase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start order, stop order, failures in each phase, the stop deadline, the cluster broadcast. */
class LifecycleTest {

  @Test
  void preparesInConstructionOrderRunsAfterAllPreparedStopsInReverse() throws Exception {
    Journal journal = new Journal();
    SteelmillCluster node = SteelmillCluster.create("host-1");
    node.inject(Journal.class, journal);
    Cluster.Dependent dependent = node.dependent();
    assertThat(node.toString()).isEqualTo("host-1 [NEW]");

    node.start();
    assertThat(node.state()).isEqualTo(NodeState.RUNNING);
    assertThat(node.toString()).isEqualTo("host-1 [RUNNING]");
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (dependent.leaf.ticks.get() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(dependent.leaf.ticks.get()).as("the leaf's run() ticked").isGreaterThanOrEqualTo(3);
    node.close();

    assertThat(node.builtDaemons()).containsExactly("Cluster.Leaf", "Cluster.Dependent");
    assertThat(journal.ofPhase("prepare")).containsExactly("Leaf", "Dependent");
    assertThat(journal.ofPhase("stop")).containsExactly("Dependent", "Leaf");
    List<String> events = journal.events();
    int lastPrepare = events.lastIndexOf("prepare Dependent");
    assertThat(events.indexOf("run Leaf")).isGreaterThan(lastPrepare);
    assertThat(events.indexOf("run Dependent")).isGreaterThan(lastPrepare);
    assertThat(node.state()).isEqualTo(NodeState.TERMINATED);
    assertThat(node.startupTimes().keySet()).containsExactly("Cluster.Leaf", "Cluster.Dependent");
  }

  @Test
  void stopIsIdempotentAndANewNodeJustTerminates() {
    SteelmillCluster node = SteelmillCluster.create();
    node.stop();
    node.stop();
    node.close();
    assertThat(node.state()).isEqualTo(NodeState.TERMINATED);
    assertThatThrownBy(node::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Expected main [TERMINATED] to be NEW");
  }

  @Test
  void aStandaloneNodeStopsItsPrivateAmbientFactory() {
    SteelmillCluster node = SteelmillCluster.create("alone");
    node.inject(Journal.class, new Journal());
    node.dependent();
    node.start();
    var ambient = node.parent().orElseThrow();
    assertThat(ambient.state()).isEqualTo(NodeState.RUNNING);

    node.close();

    assertThat(ambient.state()).isEqualTo(NodeState.TERMINATED);
  }

  @Test
  void aNegativeOrZeroGracePeriodIsRefused() {
    assertThatThrownBy(() -> SteelmillCluster.create().setGracePeriod(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The grace period must be positive and at most PT24H, not PT-1S");
    assertThatThrownBy(() -> SteelmillCluster.create().setGracePeriod(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most PT24H, not PT0S");
    assertThatThrownBy(() -> SteelmillCluster.create().setGracePeriod(Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most PT24H, not PT48H");
  }

  @Test
  void prepareFailureStopsWhatWasPreparedInReverseAndNamesTheDaemon() {
    Journal journal = new Journal().failIn("C", "prepare");
    SteelmillFailing node = SteelmillFailing.create("n1");
    node.inject(Journal.class, journal);
    node.c();

    assertThatThrownBy(node::start)
        .isInstanceOfSatisfying(
            FactoryException.class,
            e -> {
              assertThat(e.node()).isEqualTo("n1");
              assertThat(e.daemon()).isEqualTo("Failing.C");
              assertThat(e.phase()).isEqualTo(Phase.PREPARE);
              assertThat(e.getCause()).hasMessage("C failed in prepare on purpose");
            });
    assertThat(journal.ofPhase("prepare")).containsExactly("A", "B", "C");
    assertThat(journal.ofPhase("stop")).containsExactly("B", "A");
    assertThat(journal.ofPhase("run")).isEmpty();
    assertThat(node.state()).isEqualTo(NodeState.FAILED);
  }

  @Test
  void everyStopErrorIsKeptFirstAsCauseRestSuppressed() {
    Journal journal = new Journal().failIn("C", "stop").failIn("A", "stop");
    SteelmillFailing node = SteelmillFailing.create("n2");
    node.inject(Journal.class, journal);
    node.c();
    node.start();

    assertThatThrownBy(node::close)
        .isInstanceOfSatisfying(
            FactoryException.class,
            e -> {
              assertThat(e.daemon()).isEqualTo("Failing.C");
              assertThat(e.phase()).isEqualTo(Phase.STOP);
              assertThat(e.getSuppressed()).hasSize(1);
              FactoryException second = (FactoryException) e.getSuppressed()[0];
              assertThat(second.daemon()).isEqualTo("Failing.A");
            });
    assertThat(journal.ofPhase("stop")).containsExactly("C", "B", "A");
  }

  @Test
  void runFailureStopsTheNodeAndReportsIt() throws Exception {
    Journal journal = new Journal().failIn("B", "run");
    SteelmillFailing node = SteelmillFailing.create("n3");
    node.inject(Journal.class, journal);
    node.c();
    node.start();

    assertThat(node.awaitTermination(Duration.ofSeconds(10))).isTrue();
    assertThat(node.state()).isEqualTo(NodeState.FAILED);
    assertThat(journal.ofPhase("stop")).containsExactly("C", "B", "A");
    assertThatThrownBy(node::close)
        .isInstanceOfSatisfying(
            FactoryException.class, e -> assertThat(e.phase()).isEqualTo(Phase.RUN));
  }

  @Test
  void runFailureInOneHostBroadcastsShutdownToTheWholeCluster() throws Exception {
    var ambient = SteelmillFailing.ambient();
    Journal healthy = new Journal();
    Journal failing = new Journal().failIn("A", "run");
    SteelmillFailing good = ambient.node("good");
    good.inject(Journal.class, healthy);
    good.c();
    SteelmillFailing bad = ambient.node("bad");
    bad.inject(Journal.class, failing);
    bad.c();
    good.start();
    bad.start();

    assertThat(ambient.awaitTermination(Duration.ofSeconds(10))).isTrue();
    assertThat(good.state()).isEqualTo(NodeState.TERMINATED);
    assertThat(healthy.ofPhase("stop")).containsExactly("C", "B", "A");
    assertThat(bad.state()).isEqualTo(NodeState.FAILED);
    FactoryException failure = ambient.failure().orElseThrow();
    assertThat(failure.node()).isEqualTo("bad");
    assertThat(failure.daemon()).isEqualTo("Failing.A");
    assertThat(failure.phase()).isEqualTo(Phase.RUN);
  }

  @Test
  void runThatIgnoresStopIsReportedWithItsStackAfterTheGracePeriod() {
    SteelmillFailing_Stubborn node = SteelmillFailing_Stubborn.create("slow");
    node.setGracePeriod(Duration.ofMillis(200));
    node.hung();
    node.start();

    assertThatThrownBy(node::close)
        .isInstanceOfSatisfying(
            FactoryException.class,
            e -> {
              assertThat(e.daemon()).isEqualTo("Failing.Hung");
              assertThat(e.phase()).isEqualTo(Phase.STOP);
              assertThat(e.getMessage())
                  .contains("run() did not return within PT0.2S after stop()")
                  .contains("thread slow/Failing.Hung is at:")
                  .contains("Failing$Hung.run");
            });
  }
}
