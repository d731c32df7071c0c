package io.steelmill.benchmarks;

import io.steelmill.Daemon;
import io.steelmill.Production;

/** The production pricer: a little arithmetic the JIT cannot fold away. */
@Daemon
@Production
public final class TablePricer implements Pricer {
  public TablePricer() {}

  @Override
  public long price(long item) {
    return (item * 31 + 7) ^ (item >>> 3);
  }
}
