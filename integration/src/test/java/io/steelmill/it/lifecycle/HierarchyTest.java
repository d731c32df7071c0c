package io.steelmill.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.NodeState;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Ambient sharing, child factories, churn without leaks, concurrent churn. */
class HierarchyTest {

  private static SteelmillCluster host(SteelmillCluster.Ambient ambient, String name, Journal j) {
    SteelmillCluster host = ambient.node(name);
    host.inject(Journal.class, j);
    host.dependent();
    return host;
  }

  @Test
  void hostsShareAmbientDaemonsAndBuildTheirOwn() {
    SteelmillCluster.Ambient ambient = SteelmillCluster.ambient();
    SteelmillCluster alice = host(ambient, "alice", new Journal());
    SteelmillCluster bob = host(ambient, "bob", new Journal());

    assertThat(alice.registry()).isSameAs(bob.registry()).isSameAs(ambient.getClusterRegistry());
    assertThat(alice.dependent().leaf).isNotSameAs(bob.dependent().leaf);
    alice.start();
    bob.start();
    assertThat(ambient.state()).isEqualTo(NodeState.RUNNING);
    assertThat(ambient.getClusterRegistry().registrations.get()).isEqualTo(2);

    ambient.close();
    assertThat(alice.state()).isEqualTo(NodeState.TERMINATED);
    assertThat(bob.state()).isEqualTo(NodeState.TERMINATED);
  }

  @Test
  void childInjectsParentDaemonsAndStopsOnlyItsOwn() {
    Journal journal = new Journal();
    SteelmillCluster host = host(SteelmillCluster.ambient(), "host", journal);
    host.start();

    SteelmillCluster_LeaseScope lease = SteelmillCluster_LeaseScope.create(host, "lease-1");
    Cluster.Worker worker = lease.worker();
    assertThat(worker.hostLeaf).isSameAs(host.dependent().leaf);
    assertThat(worker.journal).isSameAs(journal);
    assertThat(lease.builtDaemons()).containsExactly("Cluster.Worker");
    lease.start();
    lease.close();

    assertThat(host.state()).isEqualTo(NodeState.RUNNING);
    assertThat(journal.ofPhase("stop")).containsExactly("Worker");
    host.close();
    assertThat(journal.ofPhase("stop")).containsExactly("Worker", "Dependent", "Leaf");
  }

  @Test
  void childOfANodeThatIsNotRunningCannotStart() {
    SteelmillCluster host = host(SteelmillCluster.ambient(), "host", new Journal());
    SteelmillCluster_LeaseScope lease = SteelmillCluster_LeaseScope.create(host, "early");
    lease.worker();

    assertThatThrownBy(lease::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Expected host [NEW] to be RUNNING, to start its child early");
  }

  @Test
  void parentStopsItsRunningChildrenFirst() {
    Journal journal = new Journal();
    SteelmillCluster host = host(SteelmillCluster.ambient(), "host", journal);
    host.start();
    SteelmillCluster_LeaseScope lease = SteelmillCluster_LeaseScope.create(host, "lease");
    lease.worker();
    lease.start();

    host.close();

    assertThat(lease.state()).isEqualTo(NodeState.TERMINATED);
    assertThat(journal.ofPhase("stop")).containsExactly("Worker", "Dependent", "Leaf");
  }

  @Test
  void aHundredThousandLeaseCyclesLeaveNothingReachable() {
    SteelmillCluster host = host(SteelmillCluster.ambient(), "host", new Journal());
    host.start();
    List<WeakReference<Cluster.Worker>> sample = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      SteelmillCluster_LeaseScope lease = SteelmillCluster_LeaseScope.create(host, "lease");
      Cluster.Worker worker = lease.worker();
      lease.start();
      lease.stop();
      if (i % 10_000 == 0) {
        sample.add(new WeakReference<>(worker));
      }
    }
    host.close();

    for (int attempt = 0; attempt < 50 && sample.stream().anyMatch(r -> r.get() != null); attempt++) {
      System.gc();
      Thread.onSpinWait();
    }
    assertThat(sample).allSatisfy(ref -> assertThat(ref.get()).isNull());
  }

  @Test
  void childrenCreatedAndTornDownFromManyThreadsAtOnce() throws Exception {
    Journal journal = new Journal();
    SteelmillCluster host = host(SteelmillCluster.ambient(), "host", journal);
    host.start();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    var lease = SteelmillCluster_LeaseScope.create(host, "l" + thread + "-" + i);
                    lease.worker();
                    lease.start();
                    lease.close();
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    host.close();
    assertThat(journal.ofPhase("prepare").stream().filter("Worker"::equals)).hasSize(4000);
    assertThat(journal.ofPhase("stop").stream().filter("Worker"::equals)).hasSize(4000);
  }
}
