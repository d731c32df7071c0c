package io.steelmill.benchmarks;

import io.steelmill.Factory;

/** The benchmark's factory. */
@Factory
public interface Shop {
  Checkout checkout();

  BuggifiedCheckout buggifiedCheckout();
}
