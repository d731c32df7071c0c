package io.steelmill.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.steelmill.platform.SystemClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ZooKeeper service refuses the lease requests the simulated one refuses, with the same
 * words and before it talks to any server: a resource that would be a path ({@code a/b}, {@code
 * ..}) or no name, a time to live that is no lease, a negative wait.
 */
class ZooKeeperLeaseArgumentsTest {
  @Test
  void badRequestsAreRefusedBeforeAnyConnection() {
    ZooKeeperLeaseService leases =
        new ZooKeeperLeaseService(ZooKeeperConfig.of("127.0.0.1:1"), new SystemClock());
    Duration second = Duration.ofSeconds(1);
    List<Runnable> calls = List.of(
        () -> call(leases, "a/b", second, second), () -> call(leases, "..", second, second),
        () -> call(leases, "", second, second), () -> call(leases, "lead er", second, second),
        () -> call(leases, "x\u0000", second, second),
        () -> call(leases, "r", Duration.ZERO, second),
        () -> call(leases, "r", Duration.ofDays(3_650_000), second),
        () -> call(leases, "r", second, Duration.ofMillis(-1)));
    for (Runnable call : calls) {
      Throwable thrown = catchThrowable(call::run);
      assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).startsWith("lease ").doesNotContain("\n");
    }
  }

  private static void call(ZooKeeperLeaseService leases, String resource, Duration ttl,
      Duration wait) {
    try {
      leases.tryAcquire(resource, ttl, wait);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
