package io.steelmill.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Clock;
import io.steelmill.platform.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ZooKeeper lease's validity comes from the node's {@link Clock}, as the simulated lease's
 * does: its local deadline read the JVM's wall clock ({@code Instant.now()}) whatever clock the
 * node had, so a test or a node with a clock of its own could not control it, and a wall clock
 * set back stretched it. Real server in-process; the clock is the user's own implementation of
 * the platform interface.
 */
class ZooKeeperLeaseClockTest {
  private static final Instant START = Instant.parse("2001-01-01T00:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(2);

  /** A clock the test sets: wall time and monotonic time move only when told. */
  static final class SetClock implements Clock {
    final AtomicReference<Instant> wall = new AtomicReference<>(START);
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public Instant now() {
      return wall.get();
    }

    @Override
    public long monotonicNanos() {
      return nanos.get();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      Thread.sleep(duration);
    }
  }

  private TestingServer server;
  private ZooKeeperLeaseService leases;
  private final SetClock clock = new SetClock();

  @BeforeEach
  void start() throws Exception {
    server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("maxSessionTimeout", "60000")), true);
    leases = new ZooKeeperLeaseService(new ZooKeeperConfig(server.getConnectString(),
        Duration.ofSeconds(30), Duration.ofSeconds(10)), clock);
    leases.prepare();
  }

  @AfterEach
  void stop() throws Exception {
    leases.stop();
    server.close();
  }

  @Test
  void theLocalDeadlineIsToldByTheNodesClock() throws Exception {
    try (Lease lease = leases.acquire("clocked", TTL)) {
      assertThat(lease.localDeadline()).isEqualTo(Lease.conservativeDeadline(START, TTL));
      clock.wall.set(START.plusSeconds(3600));
      assertThat(lease.isValid()).as("held and connected").isTrue();
      assertThat(lease.localDeadline()).as("confirmed at the clock's present")
          .isEqualTo(Lease.conservativeDeadline(START.plusSeconds(3600), TTL));
      clock.wall.set(START.minusSeconds(86_400)); // the wall clock set back a day
      assertThat(lease.renew()).isTrue();
      assertThat(lease.localDeadline())
          .isEqualTo(Lease.conservativeDeadline(START.minusSeconds(86_400), TTL));
    }
  }
}
