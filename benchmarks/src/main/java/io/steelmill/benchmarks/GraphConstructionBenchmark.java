package io.steelmill.benchmarks;

import io.steelmill.benchmarks.graph.n100.Contenders100;
import io.steelmill.benchmarks.graph.n1000.Contenders1000;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building the whole synthetic graph (every class once, all singletons), warmed to steady state:
 * hand-written {@code new} calls in topological order, the same wired by hand lazily and
 * thread-safely as Steelmill's contract demands (each class built on first use, at most once under
 * concurrent first use: the contract's own floor), Steelmill, Dagger, avaje-inject, Guice.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GraphConstructionBenchmark {
  @Param({"100", "1000"})
  int size;

  @Benchmark
  public Object handWritten() {
    return size == 100 ? Contenders100.handWritten() : Contenders1000.handWritten();
  }

  /** The contract's floor: one accessor per class, one compare-and-set per first build. */
  @Benchmark
  public Object handLazy() {
    return size == 100 ? Contenders100.handLazy() : Contenders1000.handLazy();
  }

  @Benchmark
  public Object steelmill() {
    return size == 100 ? Contenders100.steelmill() : Contenders1000.steelmill();
  }

  @Benchmark
  public Object dagger() {
    return size == 100 ? Contenders100.dagger() : Contenders1000.dagger();
  }

  @Benchmark
  public Object avaje() {
    return AvajeGraphs.graph(size);
  }

  @Benchmark
  public Object guice() {
    return size == 100 ? Contenders100.guice() : Contenders1000.guice();
  }
}
