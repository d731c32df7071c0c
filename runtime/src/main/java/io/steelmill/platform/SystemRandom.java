package io.steelmill.platform;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import java.util.concurrent.ThreadLocalRandom;

/** The production {@link RandomSource}: {@link ThreadLocalRandom}, fast and thread-safe. */
@Ambient
@Daemon
@Production
public final class SystemRandom implements RandomSource {
  public SystemRandom() {}

  @Override
  public long nextLong() {
    return ThreadLocalRandom.current().nextLong();
  }

  @Override
  public int nextInt(int bound) {
    return ThreadLocalRandom.current().nextInt(bound);
  }

  @Override
  public double nextDouble() {
    return ThreadLocalRandom.current().nextDouble();
  }

  @Override
  public RandomSource fork(String purpose) {
    return this;
  }
}
