package io.steelmill.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Fence;
import io.steelmill.platform.Lease;
import io.steelmill.platform.LeaseState;
import io.steelmill.platform.SystemClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leases against a real ZooKeeper server started in-process. Sessions are as long as each test
 * asks: Curator's test servers tick every 100 ms, so ZooKeeper would cap every session at 20
 * ticks (2 s) and a reconnection slower than that on a loaded machine would lose the lease.
 */
class ZooKeeperLeaseServiceTest {
  private static final Duration TTL = Duration.ofSeconds(2);
  /** Longer than any server restart or election takes, even on a loaded machine. */
  private static final Duration LONG_SESSION = Duration.ofSeconds(30);
  private TestingServer server;
  private ZooKeeperLeaseService leases;

  @BeforeEach
  void start() throws Exception {
    server = new TestingServer(spec(), true);
    leases = service(server.getConnectString(), LONG_SESSION);
  }

  /** A server on a free port that grants sessions up to a minute (ZooKeeper's cap: 20 ticks). */
  private static InstanceSpec spec() {
    return new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("maxSessionTimeout", "60000"));
  }

  @AfterEach
  void stop() throws Exception {
    leases.stop();
    server.close();
  }

  private static ZooKeeperLeaseService service(String connect, Duration session) throws Exception {
    ZooKeeperLeaseService service =
        new ZooKeeperLeaseService(new ZooKeeperConfig(connect, session, Duration.ofSeconds(10)),
            new SystemClock());
    service.prepare();
    return service;
  }

  @Test
  void oneHolderAtATimeWithStrictlyIncreasingTokens() throws Exception {
    Lease first = leases.acquire("store", TTL);
    assertThat(first.state()).isEqualTo(LeaseState.HELD);
    assertThat(first.isValid()).isTrue();
    assertThat(first.renew()).isTrue();

    CompletableFuture<Lease> second = CompletableFuture.supplyAsync(() -> {
      try {
        return leases.acquire("store", TTL);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(300);
    assertThat(second).isNotDone();

    first.close();
    assertThat(first.state()).isEqualTo(LeaseState.RELEASED);
    Lease next = second.get(10, TimeUnit.SECONDS);
    assertThat(next.fencingToken()).isGreaterThan(first.fencingToken());
    next.close();
    Lease third = leases.acquire("store", TTL);
    assertThat(third.fencingToken()).isGreaterThan(next.fencingToken());
    third.close();

    Fence fence = new Fence();
    assertThat(fence.admit(third.fencingToken())).isTrue();
    assertThat(fence.admit(first.fencingToken())).as("an older token is rejected").isFalse();
  }

  @Test
  void tryAcquireGivesUpAndLeavesNothingBehind() throws Exception {
    Lease held = leases.acquire("store", TTL);
    assertThat(leases.tryAcquire("store", TTL, Duration.ofMillis(300))).isEmpty();
    held.close();
    Optional<Lease> after = leases.tryAcquire("store", TTL, Duration.ofSeconds(5));
    assertThat(after).isPresent();
    after.get().close();
  }

  @Test
  void aServerOutageMakesTheLeaseInDoubtThenHeldAgain() throws Exception {
    Lease lease = leases.acquire("store", TTL);
    server.stop();
    assertThat(awaitState(lease, LeaseState.IN_DOUBT)).isEqualTo(LeaseState.IN_DOUBT);
    assertThat(lease.isValid()).isFalse();

    server.restart();
    assertThat(awaitState(lease, LeaseState.HELD)).isEqualTo(LeaseState.HELD);
    lease.close();
  }

  @Test
  void aLostSessionLosesTheLease() throws Exception {
    ZooKeeperLeaseService impatient = service(server.getConnectString(), Duration.ofSeconds(1));
    try {
      Lease lease = impatient.acquire("store", TTL);
      server.stop();
      Thread.sleep(3_000); // longer than the session timeout
      server.restart();
      assertThat(awaitState(lease, LeaseState.LOST)).isEqualTo(LeaseState.LOST);
    } finally {
      impatient.stop();
    }
  }

  @Test
  void aClusterThatLosesAServerKeepsTheLease() throws Exception {
    try (TestingCluster cluster = new TestingCluster(spec(), spec(), spec())) {
      cluster.start();
      ZooKeeperLeaseService clustered = service(cluster.getConnectString(), LONG_SESSION);
      try {
        Lease lease = clustered.acquire("store", TTL);
        InstanceSpec victim = cluster.getInstances().iterator().next();
        cluster.killServer(victim);
        Thread.sleep(1_000);
        assertThat(awaitState(lease, LeaseState.HELD)).isEqualTo(LeaseState.HELD);
        assertThat(clustered.tryAcquire("store", TTL, Duration.ofMillis(500)))
            .as("the lease is still held, so nobody else gets it").isEmpty();
        lease.close();
        assertThat(clustered.tryAcquire("store", TTL, Duration.ofSeconds(10))).isPresent();
      } finally {
        clustered.stop();
      }
    }
  }

  /** Waits at most 20 s for {@code expected}; returns the state then (for the message). */
  private static LeaseState awaitState(Lease lease, LeaseState expected)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      if (lease.state() == expected) {
        return expected;
      }
      Thread.sleep(20);
    }
    return lease.state();
  }
}
