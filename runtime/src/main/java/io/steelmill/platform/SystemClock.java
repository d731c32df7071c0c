package io.steelmill.platform;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import java.time.Duration;
import java.time.Instant;

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
}
