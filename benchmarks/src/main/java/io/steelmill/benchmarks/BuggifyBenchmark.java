package io.steelmill.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A BUGGIFY check on every item of a hot loop, in a production-mode factory, against the same
 * loop without it: {@code NoBuggify.fires} is {@code iconst_0; ireturn}, inlined at the
 * monomorphic call site and folded with its branch, so the ratio should be 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class BuggifyBenchmark {
  private final long[] items = new long[64];
  private BuggifiedCheckout buggified;
  private Checkout plain;

  @Setup
  public void setUp() {
    for (int i = 0; i < items.length; i++) {
      items[i] = i * 7919L;
    }
    SteelmillShop shop = SteelmillShop.create();
    buggified = shop.buggifiedCheckout();
    plain = shop.checkout();
  }

  @Benchmark
  public long withBuggifySite() {
    return buggified.total(items);
  }

  @Benchmark
  public long withoutBuggifySite() {
    return plain.total(items);
  }
}
