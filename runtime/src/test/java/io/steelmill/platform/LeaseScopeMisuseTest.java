package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link LeaseScope} run twice at once would hold the resource's lease in turn from two
 * threads, each with a child, and its {@code stop()} would stop only one: the second {@code run()}
 * is refused in one line, and the first still stops.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // before: the second run() waited for ever
class LeaseScopeMisuseTest {
  @Test
  void aSecondRunWhileTheFirstRunsIsRefusedAndTheFirstStillStops() throws Exception {
    CountDownLatch asking = new CountDownLatch(1);
    LeaseService neverGrants = new LeaseService() {
      @Override
      public Optional<Lease> tryAcquire(String resource, Duration ttl, Duration maxWait)
          throws InterruptedException {
        asking.countDown();
        Thread.sleep(maxWait);
        return Optional.empty();
      }
    };
    LeaseScope scope = new LeaseScope(neverGrants, "leader", Duration.ofSeconds(1), lease -> {
      throw new AssertionError("never granted");
    });
    Throwable[] first = new Throwable[1];
    Thread runner =
        Thread.ofVirtual().name("first").start(() -> first[0] = catchThrowable(scope::run));
    assertThat(asking.await(1, TimeUnit.MINUTES)).isTrue();
    Throwable second = catchThrowable(scope::run);
    assertThat(second).isInstanceOf(IllegalStateException.class);
    assertThat(second.getMessage()).contains("already runs on thread first").contains("Fix: ")
        .doesNotContain("\n");
    scope.stop();
    runner.join(TimeUnit.MINUTES.toMillis(1));
    assertThat(runner.isAlive()).as("the first run() stopped").isFalse();
    assertThat(first[0]).isNull();
  }
}
