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
 * A hot call through an interface injected by a production-mode factory, against the same code
 * on a directly constructed concrete instance. The production build binds one implementation, so
 * the call site stays monomorphic and the JIT inlines it: the ratio should be 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ZeroCostBenchmark {
  private final long[] items = new long[64];
  private Checkout injected;
  private DirectCheckout direct;

  @Setup
  public void setUp() {
    for (int i = 0; i < items.length; i++) {
      items[i] = i * 7919L;
    }
    injected = SteelmillShop.create().checkout();
    direct = new DirectCheckout(new TablePricer());
  }

  @Benchmark
  public long injectedInterface() {
    return injected.total(items);
  }

  @Benchmark
  public long directInstance() {
    return direct.total(items);
  }
}
