package io.steelmill.benchmarks;

import com.google.inject.Injector;
import io.steelmill.benchmarks.graph.n1000.Contenders1000;
import io.steelmill.benchmarks.graph.n1000.Graph1000Component;
import io.steelmill.benchmarks.graph.n1000.HandWritten1000;
import io.steelmill.benchmarks.graph.n1000.SteelmillGraph1000;
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
 * A child factory with 10 per-child daemons over a built 1000-daemon parent, created and built
 * (a held lease, a plugin): children per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ChildFactoryBenchmark {
  private HandWritten1000 hand;
  private SteelmillGraph1000 steelmill;
  private Graph1000Component dagger;
  private Injector guice;
  private io.avaje.inject.BeanScope avaje;

  @Setup
  public void setUp() {
    hand = Contenders1000.handWritten();
    steelmill = Contenders1000.steelmill();
    dagger = Contenders1000.dagger();
    guice = Contenders1000.guice();
    avaje = AvajeGraphs.graph(1000);
  }

  @Benchmark
  public Object avaje() {
    return AvajeGraphs.child(avaje);
  }

  @Benchmark
  public Object handWritten() {
    return Contenders1000.handChild(hand);
  }

  @Benchmark
  public Object steelmill() {
    return Contenders1000.steelmillChild(steelmill);
  }

  @Benchmark
  public Object dagger() {
    return Contenders1000.daggerChild(dagger);
  }

  @Benchmark
  public Object guice() {
    return Contenders1000.guiceChild(guice);
  }
}
