package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.Production;
import io.steelmill.Provides;
import io.steelmill.platform.Lease;
import io.steelmill.platform.LeaseScope;
import io.steelmill.platform.LeaseService;
import io.steelmill.runtime.Lifecycle;
import io.steelmill.runtime.Node;
import io.steelmill.zookeeper.ZooKeeperConfig;
import io.steelmill.zookeeper.ZooKeeperLeaseService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A host that bids for one lease and runs a {@link Term} child while it holds it. */
@Factory(injected = ZooKeeperConfig.class)
interface ScopedHost {
  Bid bid();

  Terms terms();

  /** Production leases from ZooKeeper. */
  @Provides
  @Production
  static LeaseService leases(ZooKeeperLeaseService zookeeper) {
    return zookeeper;
  }

  /** The children this host made, one per lease it won, in order. */
  @Daemon
  final class Terms {
    final List<Node> children = new CopyOnWriteArrayList<>();
    /** Each term's stop, with its lease's state then: "stop token T while STATE". */
    final List<String> stops = new CopyOnWriteArrayList<>();

    Terms() {}
  }

  /** Holds the lease "scoped" with a {@link Term} child per lease won. */
  @Daemon
  final class Bid implements Lifecycle {
    final LeaseScope scope;

    Bid(LeaseService leases, SteelmillScopedHost_Term.Creator terms, Terms made) {
      scope = new LeaseScope(leases, "scoped", Duration.ofSeconds(5), lease -> {
        SteelmillScopedHost_Term term = terms.create(terms.parentName() + "-term", lease);
        term.worker();
        made.children.add(term);
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

  /** What runs while the lease is held. */
  @Factory(parent = ScopedHost.class, injected = Lease.class)
  interface Term {
    Worker worker();
  }

  @Daemon
  final class Worker implements Lifecycle {
    final Lease lease;
    final Terms terms;

    Worker(Lease lease, Terms terms) {
      this.lease = lease;
      this.terms = terms;
    }

    @Override
    public void stop() {
      terms.stops.add("stop token " + lease.fencingToken() + " while " + lease.state());
    }
  }
}
