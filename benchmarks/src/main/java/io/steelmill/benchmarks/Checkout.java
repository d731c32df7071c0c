package io.steelmill.benchmarks;

import io.steelmill.Daemon;

/** A daemon with the interface injected: what user code looks like. */
@Daemon
public final class Checkout {
  private final Pricer pricer;

  Checkout(Pricer pricer) {
    this.pricer = pricer;
  }

  public long total(long[] items) {
    long sum = 0;
    for (long item : items) {
      sum += pricer.price(item);
    }
    return sum;
  }
}
