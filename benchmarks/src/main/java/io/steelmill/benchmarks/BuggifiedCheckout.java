package io.steelmill.benchmarks;

import io.steelmill.Daemon;
import io.steelmill.platform.Buggify;

/**
 * {@link Checkout} with a BUGGIFY site in its hot loop: in simulation the site may price an item
 * twice; in production the check must cost nothing (see {@link BuggifyBenchmark}).
 */
@Daemon
public final class BuggifiedCheckout {
  private final Pricer pricer;
  private final Buggify buggify;

  BuggifiedCheckout(Pricer pricer, Buggify buggify) {
    this.pricer = pricer;
    this.buggify = buggify;
  }

  public long total(long[] items) {
    long sum = 0;
    for (long item : items) {
      if (buggify.fires("checkout.double-price")) {
        sum += pricer.price(item);
      }
      sum += pricer.price(item);
    }
    return sum;
  }
}
