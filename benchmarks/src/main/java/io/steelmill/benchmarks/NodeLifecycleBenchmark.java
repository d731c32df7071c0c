package io.steelmill.benchmarks;

import com.google.common.util.concurrent.AbstractExecutionThreadService;
import com.google.common.util.concurrent.ServiceManager;
import io.steelmill.benchmarks.lifecycle.SteelmillServices;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full node lifecycle of 10 services (build, prepare in order, run each on its own thread, stop
 * in reverse, wait for all), per second: Steelmill against Guava's ServiceManager (no order) and
 * a hand-written floor on virtual threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class NodeLifecycleBenchmark {
  private static final int SERVICES = 10;

  @Benchmark
  public Object steelmill() {
    SteelmillServices node = SteelmillServices.create();
    node.last();
    node.start();
    node.close();
    return node;
  }

  /** Ten services prepared in order, each run on a virtual thread, stopped in reverse, joined. */
  @Benchmark
  public Object handWritten() throws InterruptedException {
    List<CountDownLatch> stops = new ArrayList<>(SERVICES);
    List<Thread> threads = new ArrayList<>(SERVICES);
    for (int i = 0; i < SERVICES; i++) {
      stops.add(new CountDownLatch(1)); // "prepare"
    }
    for (CountDownLatch stop : stops) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          stop.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    for (int i = SERVICES - 1; i >= 0; i--) {
      stops.get(i).countDown();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return threads;
  }

  /** Guava: each AbstractExecutionThreadService runs on its own (platform) thread. */
  @Benchmark
  public Object guavaServiceManager() throws Exception {
    List<GuavaService> services = new ArrayList<>(SERVICES);
    for (int i = 0; i < SERVICES; i++) {
      services.add(new GuavaService());
    }
    ServiceManager manager = new ServiceManager(services);
    manager.startAsync().awaitHealthy();
    manager.stopAsync().awaitStopped(10, TimeUnit.SECONDS);
    return manager;
  }

  private static final class GuavaService extends AbstractExecutionThreadService {
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    protected void run() throws InterruptedException {
      stopped.await();
    }

    @Override
    protected void triggerShutdown() {
      stopped.countDown();
    }
  }
}
