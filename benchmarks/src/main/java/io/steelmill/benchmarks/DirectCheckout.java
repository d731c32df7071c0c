package io.steelmill.benchmarks;

/** The same code, hand-wired with the concrete class: the floor. */
public final class DirectCheckout {
  private final TablePricer pricer;

  public DirectCheckout(TablePricer pricer) {
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
