package io.steelmill.it.lifecycle;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.runtime.Lifecycle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The crate's scenarios: a dependent daemon over a leaf daemon whose {@code run()} ticks until
 * {@code stop()} releases it, an ambient registry shared by hosts, a child factory per lease.
 */
@Factory(injected = Journal.class)
public interface Cluster {
  Dependent dependent();

  Registry registry();

  /** Shared by every host of a cluster. */
  @Ambient
  @Daemon
  final class Registry implements Lifecycle {
    final AtomicInteger registrations = new AtomicInteger();

    Registry() {}
  }

  /** Ticks until stopped. */
  @Daemon
  final class Leaf implements Lifecycle {
    private final Journal journal;
    private final CountDownLatch stopped = new CountDownLatch(1);
    final AtomicInteger ticks = new AtomicInteger();

    Leaf(Journal journal) {
      this.journal = journal;
    }

    @Override
    public void prepare() {
      journal.record("Leaf", "prepare");
    }

    @Override
    public void run() throws InterruptedException {
      journal.record("Leaf", "run");
      while (!stopped.await(1, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        ticks.incrementAndGet();
      }
    }

    @Override
    public void stop() {
      journal.record("Leaf", "stop");
      stopped.countDown();
    }
  }

  /** Depends on the leaf and the registry; returns from run() at once. */
  @Daemon
  final class Dependent implements Lifecycle {
    private final Journal journal;
    final Leaf leaf;
    final Registry registry;

    Dependent(Leaf leaf, Registry registry, Journal journal) {
      this.leaf = leaf;
      this.registry = registry;
      this.journal = journal;
    }

    @Override
    public void prepare() {
      journal.record("Dependent", "prepare");
      registry.registrations.incrementAndGet();
    }

    @Override
    public void run() {
      journal.record("Dependent", "run");
    }

    @Override
    public void stop() {
      journal.record("Dependent", "stop");
    }
  }

  /** A per-lease child: injects the host's leaf and has a worker of its own. */
  @Factory(parent = Cluster.class)
  interface LeaseScope {
    Worker worker();
  }

  @Daemon
  final class Worker implements Lifecycle {
    final Leaf hostLeaf;
    final Journal journal;

    Worker(Leaf hostLeaf, Journal journal) {
      this.hostLeaf = hostLeaf;
      this.journal = journal;
    }

    @Override
    public void prepare() {
      journal.record("Worker", "prepare");
    }

    @Override
    public void stop() {
      journal.record("Worker", "stop");
    }
  }
}
