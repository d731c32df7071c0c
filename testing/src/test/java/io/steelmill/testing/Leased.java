package io.steelmill.testing;

import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.platform.Lease;
import io.steelmill.platform.LeaseScope;
import io.steelmill.platform.LeaseService;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A host that holds a lease and runs a {@link Term} child while it does. */
@Factory
public interface Leased {
  Holder holder();

  Journal journal();

  /** Records the children's lifecycle, on the host. */
  @Daemon
  final class Journal {
    final List<String> events = new ArrayList<>();

    Journal() {}
  }

  /** Holds the lease; creates a {@link Term} child per lease from its injected creator. */
  @Daemon
  final class Holder implements Lifecycle {
    final LeaseScope scope;

    Holder(LeaseService leases, SteelmillLeased_Term.Creator terms) {
      scope = new LeaseScope(leases, "resource", Duration.ofMillis(300), lease -> {
        SteelmillLeased_Term term = terms.create(terms.parentName(), lease);
        term.worker();
        return term;
      });
    }

    @Override
    public void run() throws InterruptedException {
      scope.run();
    }

    @Override
    public void stop() {
      scope.stop();
    }
  }

  /** The lease-scoped part: two daemons, so the stop order shows. */
  @Factory(parent = Leased.class, injected = Lease.class)
  interface Term {
    Worker worker();
  }

  @Daemon
  final class Recorder implements Lifecycle {
    private final Lease lease;
    private final Journal journal;

    Recorder(Lease lease, Journal journal) {
      this.lease = lease;
      this.journal = journal;
    }

    @Override
    public void prepare() {
      journal.events.add("prepare Recorder token " + lease.fencingToken());
    }

    @Override
    public void stop() {
      journal.events.add("stop Recorder token " + lease.fencingToken());
    }
  }

  @Daemon
  final class Worker implements Lifecycle {
    private final Recorder recorder;
    private final Lease lease;
    private final Journal journal;

    Worker(Recorder recorder, Lease lease, Journal journal) {
      this.recorder = recorder;
      this.lease = lease;
      this.journal = journal;
    }

    @Override
    public void prepare() {
      journal.events.add("prepare Worker token " + lease.fencingToken());
    }

    @Override
    public void stop() {
      journal.events.add("stop Worker token " + lease.fencingToken()
          + (lease.isValid() ? "" : " (lease no longer valid)"));
    }
  }

  @io.steelmill.Provides
  static io.steelmill.platform.NetworkConfig networkConfig() {
    return io.steelmill.platform.NetworkConfig.loopback();
  }

  /** Production needs a real lease service; these tests run the simulated one. */
  @io.steelmill.Provides
  @io.steelmill.Production
  static LeaseService unavailable() {
    throw new UnsupportedOperationException("simulation only");
  }
}
