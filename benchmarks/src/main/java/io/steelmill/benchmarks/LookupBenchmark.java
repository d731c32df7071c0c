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

/** A hot lookup of a built singleton: an entry point of a built node, against a plain field. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class LookupBenchmark {
  private SteelmillShop node;
  private Checkout field;

  @Setup
  public void setUp() {
    node = SteelmillShop.create();
    field = node.checkout();
  }

  @Benchmark
  public Checkout entryPoint() {
    return node.checkout();
  }

  @Benchmark
  public Checkout fieldRead() {
    return field;
  }
}
