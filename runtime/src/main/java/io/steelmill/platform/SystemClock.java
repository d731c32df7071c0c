package io.steelmill.platform;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import io.steelmill.runtime.internal.Clocks;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** The production {@link Clock}: the system clock, {@code System.nanoTime} and real sleeps. */
@Ambient
@Daemon
@Production
public final class SystemClock implements Clock {
  public SystemClock() {}

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long monotonicNanos() {
    return System.nanoTime();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration);
  }

  @Override
  public boolean await(BooleanSupplier ready, Duration timeout, Object blocker)
      throws InterruptedException {
    long end = System.nanoTime() + Clocks.boundedNanos(timeout);
    while (!ready.getAsBoolean()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return ready.getAsBoolean();
      }
      LockSupport.parkNanos(blocker, left);
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting on " + blocker);
      }
    }
    return true;
  }
}
