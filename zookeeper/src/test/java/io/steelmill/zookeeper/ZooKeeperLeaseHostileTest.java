package io.steelmill.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.steelmill.platform.Lease;
import io.steelmill.platform.LeaseState;
import io.steelmill.platform.SystemClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile uses of the ZooKeeper lease service against a real in-process server: acquirers that
 * are interrupted or give up, a server that goes away under a wait or a release, a service
 * stopped under its leases, names ZooKeeper cannot store, settings that are no settings. Every
 * bound below is a generous timeout on behaviour (a call that returns at all), never a timing.
 */
class ZooKeeperLeaseHostileTest {
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final Duration LONG_SESSION = Duration.ofSeconds(30);
  /** How long any call below may take before it counts as hung: far past every bound it has. */
  private static final long HUNG_SECONDS = 40;
  private TestingServer server;
  private ZooKeeperLeaseService leases;

  @BeforeEach
  void start() throws Exception {
    server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("maxSessionTimeout", "60000")), true);
    leases = service(server.getConnectString());
  }

  @AfterEach
  void stop() throws Exception {
    leases.stop();
    server.close();
  }

  private static ZooKeeperLeaseService service(String connect) throws Exception {
    ZooKeeperLeaseService service = new ZooKeeperLeaseService(
        new ZooKeeperConfig(connect, LONG_SESSION, Duration.ofSeconds(10)), new SystemClock());
    service.prepare();
    return service;
  }

  @Test
  void anInterruptedAcquireLeavesNoPlaceInTheQueue() throws Exception {
    Lease held = leases.acquire("store", TTL);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread acquirer = Thread.ofVirtual().start(() -> {
      waiting.countDown();
      thrown.set(catchThrowable(() -> leases.acquire("store", TTL)));
    });
    waiting.await();
    awaitQueue("store", 2);
    acquirer.interrupt();
    acquirer.join(TimeUnit.SECONDS.toMillis(HUNG_SECONDS));
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    held.close();
    ZooKeeperLeaseService other = service(server.getConnectString());
    try {
      Optional<Lease> next = other.tryAcquire("store", TTL, Duration.ofSeconds(10));
      assertThat(next).as("nobody holds the lease: the interrupted acquirer is not in line")
          .isPresent();
      next.get().close();
    } finally {
      other.stop();
    }
  }

  /** Waits until {@code resource}'s queue has {@code size} nodes (a waiter has queued). */
  private void awaitQueue(String resource, int size) throws Exception {
    try (var client = org.apache.curator.framework.CuratorFrameworkFactory.newClient(
        server.getConnectString(), new org.apache.curator.retry.RetryOneTime(100))) {
      client.start();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(HUNG_SECONDS);
      while (client.getChildren().forPath(ZooKeeperLeaseService.ROOT + "/" + resource).size()
          < size) {
        assertThat(System.nanoTime()).as("the waiter queued").isLessThan(until);
        Thread.sleep(10);
      }
    }
  }

  @Test
  void aWaiterWhoseSessionExpiresQueuesAgainAndGetsTheLeaseLater() throws Exception {
    Lease held = leases.acquire("store", TTL);
    ZooKeeperLeaseService impatient = new ZooKeeperLeaseService(new ZooKeeperConfig(
        server.getConnectString(), Duration.ofSeconds(1), Duration.ofSeconds(10)),
        new SystemClock());
    impatient.prepare();
    try {
      CompletableFuture<Lease> waiter = CompletableFuture.supplyAsync(() -> {
        try {
          return impatient.acquire("store", TTL);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      awaitQueue("store", 2);
      long deadSession = owners("store").get(1);
      server.stop();
      Thread.sleep(3_000); // past the waiter's session, not the holder's
      server.restart();
      assertThat(awaitState(held, LeaseState.HELD)).isEqualTo(LeaseState.HELD);
      assertThat(waiter).as("the lease is still held").isNotDone();
      long token = held.fencingToken();
      held.close();
      Lease next = waiter.get(HUNG_SECONDS, TimeUnit.SECONDS);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(HUNG_SECONDS);
      while (owners("store").contains(deadSession)) { // the server expires the old session
        assertThat(System.nanoTime()).as("the old session's node is gone").isLessThan(until);
        Thread.sleep(20);
      }
      assertThat(next.state()).as("the lease was not granted on the dead session's node")
          .isEqualTo(LeaseState.HELD);
      assertThat(next.fencingToken()).isGreaterThan(token);
      next.close();
    } finally {
      impatient.stop();
    }
  }

  /** The sessions owning {@code resource}'s queue, first in line first. */
  private List<Long> owners(String resource) throws Exception {
    String parent = ZooKeeperLeaseService.ROOT + "/" + resource;
    try (var client = org.apache.curator.framework.CuratorFrameworkFactory.newClient(
        server.getConnectString(), new org.apache.curator.retry.RetryOneTime(100))) {
      client.start();
      List<String> children = new java.util.ArrayList<>(client.getChildren().forPath(parent));
      children.sort(java.util.Comparator.comparingLong(ZooKeeperLeaseService::sequence));
      List<Long> owners = new java.util.ArrayList<>();
      for (String child : children) {
        var stat = client.checkExists().forPath(parent + "/" + child);
        if (stat != null) {
          owners.add(stat.getEphemeralOwner());
        }
      }
      return owners;
    }
  }

  /** Waits at most {@link #HUNG_SECONDS} for {@code expected}; returns the state then. */
  private static LeaseState awaitState(Lease lease, LeaseState expected)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(HUNG_SECONDS);
    while (System.nanoTime() < until && lease.state() != expected) {
      Thread.sleep(20);
    }
    return lease.state();
  }

  @Test
  void aListenerThatThrowsNeitherKeepsTheLeaseHeldNorSilencesTheOtherListeners()
      throws Exception {
    Lease lease = leases.acquire("store", TTL);
    List<LeaseState> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    lease.onChange(state -> {
      throw new IllegalStateException("a listener that breaks");
    });
    lease.onChange(told::add);
    Throwable thrown = catchThrowable(lease::close);
    assertThat(thrown).as("close() is the caller's: a listener's failure is not").isNull();
    assertThat(lease.state()).isEqualTo(LeaseState.RELEASED);
    assertThat(told).containsExactly(LeaseState.RELEASED);
    ZooKeeperLeaseService other = service(server.getConnectString());
    try {
      Optional<Lease> next = other.tryAcquire("store", TTL, Duration.ofSeconds(10));
      assertThat(next).as("the lease was given back despite the listener").isPresent();
      next.get().close();
    } finally {
      other.stop();
    }
  }

  @Test
  void namesZooKeeperCannotStoreAreRefusedInOneLineBeforeAnyRequest() {
    List<String> names = List.of("lease\uD83D\uDE00", "\uE000", "a\uF8FF", "\uFFFD", "x\uFFFC",
        "\uD800", "\uDBFF\uDFFF", "\uF000", "store\u00A0");
    for (String name : names) {
      Throwable thrown = catchThrowable(() -> leases.tryAcquire(name, TTL, Duration.ZERO));
      assertThat(thrown).as(name).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as(name).startsWith("lease resource ")
          .doesNotContain("\n");
    }
  }

  @Test
  void tryAcquireKeepsToItsWaitWhileZooKeeperIsDown() throws Exception {
    server.stop();
    CompletableFuture<Optional<Lease>> attempt = CompletableFuture.supplyAsync(() -> {
      try {
        return leases.tryAcquire("store", TTL, Duration.ofMillis(500));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(attempt.get(HUNG_SECONDS, TimeUnit.SECONDS))
        .as("nothing acquired while ZooKeeper is away").isEmpty();
  }

  @Test
  void acquireOutlastsAnOutageAndThenHoldsTheLease() throws Exception {
    server.stop();
    CompletableFuture<Lease> attempt = CompletableFuture.supplyAsync(() -> {
      try {
        return leases.acquire("store", TTL);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(1_000);
    assertThat(attempt).as("still waiting for ZooKeeper").isNotDone();
    server.restart();
    Lease lease = attempt.get(HUNG_SECONDS, TimeUnit.SECONDS);
    assertThat(lease.state()).isEqualTo(LeaseState.HELD);
    lease.close();
  }

  @Test
  void releasingWhileZooKeeperIsDownReturnsAndTheLeaseIsFreedOnReconnection() throws Exception {
    Lease lease = leases.acquire("store", TTL);
    server.stop();
    CompletableFuture<Void> release = CompletableFuture.runAsync(lease::close);
    release.get(HUNG_SECONDS, TimeUnit.SECONDS);
    assertThat(lease.state()).isEqualTo(LeaseState.RELEASED);
    lease.close(); // twice: nothing more
    server.restart();
    ZooKeeperLeaseService other = service(server.getConnectString());
    try {
      Optional<Lease> next = other.tryAcquire("store", TTL, Duration.ofSeconds(HUNG_SECONDS / 2));
      assertThat(next).as("the release reached ZooKeeper once it came back").isPresent();
      assertThat(next.get().fencingToken()).isGreaterThan(lease.fencingToken());
      next.get().close();
    } finally {
      other.stop();
    }
  }

  @Test
  void aLeaseWhoseServiceStoppedIsLostAndItsWaitersWake() throws Exception {
    Lease lease = leases.acquire("store", TTL);
    CompletableFuture<LeaseState> woken = CompletableFuture.supplyAsync(() -> {
      try {
        return lease.awaitChange(LeaseState.HELD);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    leases.stop();
    assertThat(woken.get(HUNG_SECONDS, TimeUnit.SECONDS)).isEqualTo(LeaseState.LOST);
    assertThat(lease.state()).isEqualTo(LeaseState.LOST);
    assertThat(lease.isValid()).isFalse();
    assertThat(lease.renew()).isFalse();
    lease.close();
  }

  @Test
  void aStoppedServiceRefusesInOneLineNamingItself() {
    leases.stop();
    Throwable thrown = catchThrowable(() -> leases.tryAcquire("store", TTL, Duration.ZERO));
    assertThat(thrown).isInstanceOf(IllegalStateException.class);
    assertThat(thrown.getMessage()).contains("ZooKeeperLeaseService").contains("stopped")
        .doesNotContain("\n");
  }

  @Test
  void settingsThatAreNoSettingsAreRefusedInOneLine() {
    Duration second = Duration.ofSeconds(1);
    List<Runnable> configs = List.of(
        () -> new ZooKeeperConfig(null, second, second),
        () -> new ZooKeeperConfig("", second, second),
        () -> new ZooKeeperConfig("  ", second, second),
        () -> new ZooKeeperConfig("127.0.0.1:2181", null, second),
        () -> new ZooKeeperConfig("127.0.0.1:2181", Duration.ZERO, second),
        () -> new ZooKeeperConfig("127.0.0.1:2181", Duration.ofMillis(-5), second),
        () -> new ZooKeeperConfig("127.0.0.1:2181", Duration.ofDays(30), second),
        () -> new ZooKeeperConfig("127.0.0.1:2181", second, null),
        () -> new ZooKeeperConfig("127.0.0.1:2181", second, Duration.ZERO),
        () -> new ZooKeeperConfig("127.0.0.1:2181", second, Duration.ofSeconds(-1)),
        () -> new ZooKeeperConfig("127.0.0.1:2181", second, Duration.ofDays(3_650_000)),
        () -> ZooKeeperConfig.of("127.0.0.1:2181\n"),
        () -> ZooKeeperConfig.of("127.0.0.1:99999"), () -> ZooKeeperConfig.of("127.0.0.1:0"),
        () -> ZooKeeperConfig.of("127.0.0.1:-1"), () -> ZooKeeperConfig.of("host:abc"),
        () -> ZooKeeperConfig.of(":2181"), () -> ZooKeeperConfig.of(","),
        () -> ZooKeeperConfig.of(",,/chroot"), () -> ZooKeeperConfig.of("h:1/chroot/.."),
        () -> ZooKeeperConfig.of("h:1/a//b"), () -> ZooKeeperConfig.of("/chroot"),
        () -> ZooKeeperConfig.of("::1:2181"), () -> ZooKeeperConfig.of("[::1"),
        () -> ZooKeeperConfig.of("h:2181:2181"), () -> ZooKeeperConfig.of("h:1/a/"));
    // empty servers are left out, as ZooKeeper's own parser leaves them out
    for (String good : List.of("h", "h:2181", "a:1,b:2/chroot", "[::1]:2181", "[::1]", "h:2181/",
        "a:1,", "a:1,,b:2", ",a:1/chroot",
        "zk-1.example.com:2181,zk-2.example.com:2181/steelmill/test")) {
      assertThat(ZooKeeperConfig.of(good).connectString()).isEqualTo(good);
    }
    for (Runnable config : configs) {
      Throwable thrown = catchThrowable(config::run);
      assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).startsWith("ZooKeeperConfig").contains("Fix:")
          .doesNotContain("\n");
    }
  }
}
