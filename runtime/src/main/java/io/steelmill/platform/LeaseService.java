package io.steelmill.platform;

import io.steelmill.Simulation;
import java.time.Duration;
import java.util.Optional;

/**
 * Leases on named resources, one holder at a time, each grant with a higher fencing token. The
 * simulated service lives in {@code io.steelmill.sim}; the production one is ZooKeeper, in the
 * {@code steelmill-zookeeper} module (bind it with a {@code @Production @Provides} method).
 */
@Simulation(bySimulator = true)
public interface LeaseService {
  /** Waits until the calling node holds {@code resource}; the holder renews it automatically. */
  default Lease acquire(String resource, Duration ttl) throws InterruptedException {
    return tryAcquire(resource, ttl, FOREVER).orElseThrow();
  }

  /** How long {@link #acquire} waits: longer than any process lives. */
  Duration FOREVER = Duration.ofDays(365);

  /** Like {@link #acquire}, waiting at most {@code maxWait}. */
  Optional<Lease> tryAcquire(String resource, Duration ttl, Duration maxWait)
      throws InterruptedException;
}
