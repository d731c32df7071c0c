package io.steelmill.platform;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;

/**
 * The production {@link Buggify}: never fires. Each method is {@code iconst_0; ireturn}, so the
 * JIT inlines it at a call site that sees only this class and removes the guarded branch; a
 * test reads these bytes, and {@code BuggifyBenchmark} measures the call against none.
 */
@Ambient
@Daemon
@Production
public final class NoBuggify implements Buggify {
  public NoBuggify() {}

  @Override
  public boolean fires(String site) {
    return false;
  }

  @Override
  public boolean fires(String site, double probability) {
    return false;
  }
}
