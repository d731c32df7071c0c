package io.steelmill.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.NodeState;
import io.steelmill.zookeeper.ZooKeeperConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * A lease-scoped child through a ZooKeeper outage longer than its session: the child is stopped
 * while the lease is in doubt, the session expires, and when the ensemble is back the host holds
 * the lease again with a higher token and a fresh child. Real ZooKeeper in-process (stopped and
 * restarted on its port), generated factories in production mode.
 */
class LeaseScopeOutageTest {
  private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(90);

  @Test
  void aChildStopsDuringAnOutageAndAFreshOneRunsWithAHigherTokenAfterIt() throws Exception {
    InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("maxSessionTimeout", "60000"));
    try (TestingServer server = new TestingServer(spec, true)) {
      SteelmillScopedHost.Ambient ambient = SteelmillScopedHost.ambient();
      try (ambient) {
        ambient.inject(ZooKeeperConfig.class, new ZooKeeperConfig(server.getConnectString(),
            Duration.ofSeconds(4), Duration.ofSeconds(10)));
        SteelmillScopedHost a = ambient.node("a");
        List<Node> terms = a.terms().children;
        a.bid();
        a.start();
        await("the first term", () -> !terms.isEmpty()
            && terms.get(0).state() == NodeState.RUNNING);
        long first = a.bid().scope.current().fencingToken();
        server.stop();
        await("the first term stopped while the lease is in doubt",
            () -> terms.get(0).state() == NodeState.TERMINATED);
        Thread.sleep(6_000); // past the session's 4 s: ZooKeeper expires it when it is back
        server.restart();
        await("a second term", () -> terms.size() == 2
            && terms.get(1).state() == NodeState.RUNNING);
        assertThat(a.bid().scope.current().fencingToken()).isGreaterThan(first);
        assertThat(a.state()).isEqualTo(NodeState.RUNNING);
      }
      assertThat(ambient.failure()).isEmpty();
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
