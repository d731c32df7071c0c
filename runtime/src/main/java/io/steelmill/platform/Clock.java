package io.steelmill.platform;

import io.steelmill.Production;
import io.steelmill.Simulation;
import io.steelmill.sim.SimClock;
import java.time.Duration;
import java.time.Instant;

/**
 * Time, as a node sees it. Daemon code uses this instead of {@code System.currentTimeMillis},
 * {@code nanoTime}, {@code Instant.now} and {@code Thread.sleep}: in simulation, time is virtual,
 * each node's wall clock can be skewed, and sleeping costs no real time.
 */
@Production(SystemClock.class)
@Simulation(SimClock.class)
public interface Clock {
  /** The wall-clock time of the calling node; may jump, and may differ between nodes. */
  Instant now();

  /** Nanoseconds from an arbitrary origin; never goes backwards. For measuring durations. */
  long monotonicNanos();

  /** Waits {@code duration}; honours interrupts. */
  void sleep(Duration duration) throws InterruptedException;

  /** A deadline {@code timeout} from now, on the monotonic clock. */
  default Deadline deadlineIn(Duration timeout) {
    return new Deadline(this, monotonicNanos() + timeout.toNanos());
  }
}
