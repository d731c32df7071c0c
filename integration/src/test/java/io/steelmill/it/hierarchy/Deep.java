package io.steelmill.it.hierarchy;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.runtime.Lifecycle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Three generations created late: a {@link Mid} child per call of the host's {@link Maker}, and a
 * {@link Leaf} grandchild per call of each Mid's {@link LeafMaker}; the leaf reaches {@link Root},
 * a daemon of the host whose entry point nobody calls, and {@link Pool}, an {@code @Ambient}
 * daemon likewise; {@link Mid} itself asks for neither.
 */
@Factory(injected = Deep.Log.class)
public interface Deep {
  Maker maker();

  Root root(); // never called before the host starts: only leaves use it

  Pool pool(); // likewise

  /** What happened, in order. */
  final class Log {
    final List<String> events = new CopyOnWriteArrayList<>();
  }

  /** Asked for by leaves only. */
  @Daemon
  final class Root implements Lifecycle {
    volatile boolean prepared;
    private final Log log;

    Root(Log log) {
      this.log = log;
    }

    @Override
    public void prepare() {
      prepared = true;
      log.events.add("prepare Root");
    }
  }

  /** Asked for by leaves only. */
  @Ambient
  @Daemon
  final class Pool implements Lifecycle {
    volatile boolean prepared;

    Pool() {}

    @Override
    public void prepare() {
      prepared = true;
    }
  }

  @Daemon
  final class Maker {
    final SteelmillDeep_Mid.Creator mids;

    Maker(SteelmillDeep_Mid.Creator mids) {
      this.mids = mids;
    }
  }

  @Factory(parent = Deep.class)
  interface Mid {
    LeafMaker leafMaker();
  }

  @Daemon
  final class LeafMaker {
    final SteelmillDeep_Leaf.Creator leaves;

    LeafMaker(SteelmillDeep_Leaf.Creator leaves) {
      this.leaves = leaves;
    }
  }

  /** A leaf's own number, handed to its creator. */
  record Number(int value) {}

  @Factory(parent = Mid.class, injected = Number.class)
  interface Leaf {
    Work work();
  }

  @Daemon
  final class Work implements Lifecycle {
    final Root root;
    final Pool pool;
    final Number number;
    volatile boolean sawPrepared;

    Work(Root root, Pool pool, Number number) {
      this.root = root;
      this.pool = pool;
      this.number = number;
    }

    @Override
    public void prepare() {
      sawPrepared = root.prepared && pool.prepared;
    }
  }
}
