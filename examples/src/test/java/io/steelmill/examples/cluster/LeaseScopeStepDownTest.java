package io.steelmill.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Lease;
import io.steelmill.runtime.Node;
import io.steelmill.runtime.NodeState;
import io.steelmill.zookeeper.ZooKeeperConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;

/**
 * A {@code LeaseScope}'s child that stops on its own, cleanly, while its host runs (a leader
 * stepping down, an operator stopping it): the scope kept the lease with no child under it until
 * the host itself stopped, so no other host could take over. Now the lease goes back when the
 * child ends, the next host in ZooKeeper's queue takes it with a higher token, and the first
 * host queues again. Real ZooKeeper in-process, generated factories in production mode.
 */
class LeaseScopeStepDownTest {
  /** Bounds the waits of a broken build only; nothing is timed. */
  private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(60);

  @Test
  void aChildThatStopsOnItsOwnGivesTheLeaseBackToTheNextHost() throws Exception {
    try (EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start()) {
      SteelmillScopedHost.Ambient ambient = SteelmillScopedHost.ambient();
      try (ambient) {
        ambient.inject(ZooKeeperConfig.class, ZooKeeperConfig.of(zookeeper.connectString()));
        SteelmillScopedHost a = ambient.node("a");
        List<Node> aTerms = a.terms().children;
        a.bid();
        a.start();
        await("a's first term", () -> !aTerms.isEmpty()
            && aTerms.get(0).state() == NodeState.RUNNING);
        SteelmillScopedHost b = ambient.node("b");
        List<Node> bTerms = b.terms().children;
        b.bid();
        b.start();
        Lease first = a.bid().scope.current();
        assertThat(first).isNotNull();
        awaitInLine(zookeeper.connectString(), 2); // b waits behind a: next in line

        aTerms.get(0).stop(); // the child steps down; its host runs on
        assertThat(a.terms().stops).as("the lease outlives its child")
            .containsExactly("stop token " + first.fencingToken() + " while HELD");

        await("b's term, after a's child stopped", () -> !bTerms.isEmpty());
        Lease taken = b.bid().scope.current();
        assertThat(taken).isNotNull();
        assertThat(taken.fencingToken()).isGreaterThan(first.fencingToken());
        assertThat(first.isValid()).as("a's lease, given back").isFalse();
        assertThat(a.state()).isEqualTo(NodeState.RUNNING);
        assertThat(bTerms.get(0).state()).isEqualTo(NodeState.RUNNING);

        b.stop(); // b's term ends with its host: a, queued again, takes the lease
        await("a's second term", () -> aTerms.size() == 2);
        assertThat(a.bid().scope.current().fencingToken())
            .isGreaterThan(taken.fencingToken());
      }
      assertThat(ambient.failure()).isEmpty();
    }
  }

  /**
   * {@code LeaseScope.stop()} called while the host runs (a host that stops bidding) gave the
   * lease back first and stopped the child after: the next holder's child could start while this
   * one still ran. Now the child is stopped first, with its lease still held.
   */
  @Test
  void stoppingTheScopeStopsTheChildBeforeGivingTheLeaseBack() throws Exception {
    try (EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start()) {
      SteelmillScopedHost.Ambient ambient = SteelmillScopedHost.ambient();
      try (ambient) {
        ambient.inject(ZooKeeperConfig.class, ZooKeeperConfig.of(zookeeper.connectString()));
        SteelmillScopedHost a = ambient.node("a");
        List<Node> terms = a.terms().children;
        a.bid();
        a.start();
        await("a's term", () -> !terms.isEmpty() && terms.get(0).state() == NodeState.RUNNING);
        Lease lease = a.bid().scope.current();
        a.bid().scope.stop();
        assertThat(a.terms().stops).containsExactly(
            "stop token " + lease.fencingToken() + " while HELD");
        assertThat(terms.get(0).state()).isEqualTo(NodeState.TERMINATED);
        assertThat(lease.state()).isEqualTo(io.steelmill.platform.LeaseState.RELEASED);
      }
      assertThat(ambient.failure()).isEmpty();
    }
  }

  /** Waits until {@code size} requests are in the lease's queue in ZooKeeper. */
  private static void awaitInLine(String connect, int size) throws Exception {
    try (CuratorFramework curator = CuratorFrameworkFactory.newClient(connect,
        new RetryOneTime(100))) {
      curator.start();
      await(size + " in line for the lease", () -> {
        try {
          return curator.getChildren().forPath("/steelmill/leases/scoped").size() == size;
        } catch (Exception e) {
          return false; // not made yet
        }
      });
    }
  }

  private static void await(String what, BooleanSupplier ready) throws InterruptedException {
    long end = System.nanoTime() + PATIENCE_NANOS;
    while (!ready.getAsBoolean()) {
      assertThat(System.nanoTime() - end).as("waited for " + what).isNegative();
      Thread.sleep(10);
    }
  }
}
