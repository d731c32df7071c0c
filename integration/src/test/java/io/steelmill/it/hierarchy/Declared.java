package io.steelmill.it.hierarchy;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.Provides;
import io.steelmill.runtime.Lifecycle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host that declares what only its descendants use, with no entry point for any of it: {@link
 * Config} and {@link Url} from its module (the second needing the first and the {@link Resolver}
 * daemon), the injected {@link Log}, and the {@code @Ambient} {@link Pool}. A {@link Lease} child
 * per call of {@link Spawner}, and a {@link Task} grandchild per lease, use them all.
 */
@Factory(injected = Declared.Log.class, modules = Declared.Wiring.class)
public interface Declared {
  Spawner spawner();

  /** What happened, in order. */
  final class Log {
    final List<String> events = new CopyOnWriteArrayList<>();
  }

  record Config(String value) {}

  record Url(String text) {}

  /** The host's provides methods; nothing on the host asks for what they return. */
  final class Wiring {
    private Wiring() {}

    @Provides
    static Config config(Log log) {
      log.events.add("provide Config");
      return new Config("c");
    }

    @Provides
    static Url url(Config config, Resolver resolver) {
      return new Url(config.value() + "@" + resolver.prepared);
    }
  }

  /** Needed by {@link Url}'s provides method only. */
  @Daemon
  final class Resolver implements Lifecycle {
    private final Log log;
    volatile boolean prepared;

    Resolver(Log log) {
      this.log = log;
    }

    @Override
    public void prepare() {
      prepared = true;
      log.events.add("prepare Resolver");
    }

    @Override
    public void stop() {
      log.events.add("stop Resolver");
    }
  }

  /** Shared by every host of an ambient factory; only leases and tasks ask for it. */
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

  /** Creates a started lease per call, while the host runs. */
  @Daemon
  final class Spawner {
    private final SteelmillDeclared_Lease.Creator leases;

    Spawner(SteelmillDeclared_Lease.Creator leases) {
      this.leases = leases;
    }

    SteelmillDeclared_Lease lease(String name, int shard) {
      SteelmillDeclared_Lease lease = leases.create(name, new Shard(shard));
      lease.worker();
      lease.start();
      return lease;
    }
  }

  /** A lease's own number, handed to its creator. */
  record Shard(int id) {}

  @Factory(parent = Declared.class, injected = Shard.class)
  interface Lease {
    Worker worker();
  }

  @Daemon
  final class Worker implements Lifecycle {
    final Url url;
    final Pool pool;
    final Shard shard;
    volatile boolean sawPrepared;

    Worker(Url url, Pool pool, Shard shard) {
      this.url = url;
      this.pool = pool;
      this.shard = shard;
    }

    @Override
    public void prepare() {
      sawPrepared = pool.prepared;
    }
  }

  @Factory(parent = Lease.class)
  interface Task {
    Helper helper();
  }

  @Daemon
  final class Helper {
    final Config config;
    final Resolver resolver;
    final Pool pool;
    final Shard shard;
    final Log log;

    Helper(Config config, Resolver resolver, Pool pool, Shard shard, Log log) {
      this.config = config;
      this.resolver = resolver;
      this.pool = pool;
      this.shard = shard;
      this.log = log;
    }
  }
}
