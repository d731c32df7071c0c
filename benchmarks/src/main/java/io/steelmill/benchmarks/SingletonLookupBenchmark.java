package io.steelmill.benchmarks;

import com.google.inject.Injector;
import io.steelmill.benchmarks.graph.n100.C50;
import io.steelmill.benchmarks.graph.n100.Contenders100;
import io.steelmill.benchmarks.graph.n100.Graph100Component;
import io.steelmill.benchmarks.graph.n100.HandWritten100;
import io.steelmill.benchmarks.graph.n100.SteelmillGraph100;
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

/** A hot lookup of one built singleton of the N=100 graph, per contender. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SingletonLookupBenchmark {
  private HandWritten100 hand;
  private SteelmillGraph100 steelmill;
  private Graph100Component dagger;
  private Injector guice;
  private io.avaje.inject.BeanScope avaje;

  @Setup
  public void setUp() {
    hand = Contenders100.handWritten();
    steelmill = Contenders100.steelmill();
    dagger = Contenders100.dagger();
    guice = Contenders100.guice();
    avaje = AvajeGraphs.graph(100);
  }

  @Benchmark
  public io.steelmill.benchmarks.avaje.n100.C50 avaje() {
    return avaje.get(io.steelmill.benchmarks.avaje.n100.C50.class);
  }

  @Benchmark
  public C50 handWritten() {
    return hand.c50;
  }

  @Benchmark
  public C50 steelmill() {
    return steelmill.c50();
  }

  @Benchmark
  public C50 dagger() {
    return dagger.c50();
  }

  @Benchmark
  public C50 guice() {
    return guice.getInstance(C50.class);
  }
}
