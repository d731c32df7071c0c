package io.steelmill.platform;

import io.steelmill.Production;
import io.steelmill.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Time, as a node sees it. Daemon code uses this instead of {@code System.currentTimeMillis},
 * {@code nanoTime}, {@code Instant.now} and {@code Thread.sleep}: in simulation, time is virtual,
 * each node's wall clock can be skewed, and sleeping costs no real time.
 */
@Production(SystemClock.class)
@Simulation(bySimulator = true)
public interface Clock {
  /** The wall-clock time of the calling node; may jump, and may differ between nodes. */
  Instant now();

  /** Nanoseconds from an arbitrary origin; never goes backwards. For measuring durations. */
  long monotonicNanos();

  /** Waits {@code duration}; honours interrupts. */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Waits until {@code ready} holds or {@code timeout} passes on this clock, whichever comes first,
   * and says which: the one timed wait the runtime uses (a node's grace periods), so that in
   * simulation it is virtual. {@code ready} is checked first and after every wake-up; whoever makes
   * it true wakes the waiter with {@code LockSupport.unpark}. This default polls with {@link
   * #sleep} every millisecond, for clocks that implement only {@code sleep}; the platform's
   * clocks park instead.
   *
   * @param blocker what the caller waits on, as thread dumps and hang reports show it
   * @return whether {@code ready} held
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  default boolean await(BooleanSupplier ready, Duration timeout, Object blocker)
      throws InterruptedException {
    long end = monotonicNanos() + io.steelmill.runtime.internal.Clocks.boundedNanos(timeout);
    while (!ready.getAsBoolean()) {
      long left = end - monotonicNanos();
      if (left <= 0) {
        return ready.getAsBoolean();
      }
      sleep(Duration.ofNanos(Math.min(left, 1_000_000)));
    }
    return true;
  }

  /**
   * A deadline {@code timeout} from now, on the monotonic clock: already expired if {@code
   * timeout} is not positive, never in a lifetime if it is too long to count in nanoseconds.
   */
  default Deadline deadlineIn(Duration timeout) {
    return new Deadline(this,
        monotonicNanos() + io.steelmill.runtime.internal.Clocks.boundedNanos(timeout));
  }
}
