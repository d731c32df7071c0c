package io.steelmill.it.hierarchy;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.runtime.Lifecycle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host whose children are created after it started: {@link Plugin} reaches {@link Back}, which
 * nothing on the host asks for; {@link Spawner} creates {@link Plugin} children from its injected
 * creator; two {@code @Ambient} daemons are each reached by one entry point only.
 */
@Factory(injected = Late.Log.class)
public interface Late {
  Front front();

  Back back();

  Spawner spawner();

  SharedA sharedA();

  SharedB sharedB();

  /** What happened, in order, across the host, its children and the ambient factory. */
  final class Log {
    final List<String> events = new CopyOnWriteArrayList<>();
  }

  @Daemon
  final class Front {
    Front() {}
  }

  /** Asked for only by the plugin children. */
  @Daemon
  final class Back implements Lifecycle {
    private final Log log;
    volatile boolean prepared;

    Back(Log log) {
      this.log = log;
    }

    @Override
    public void prepare() {
      prepared = true;
      log.events.add("prepare Back");
    }

    @Override
    public void stop() {
      log.events.add("stop Back");
    }
  }

  /** Creates a plugin child per call, while the host runs. */
  @Daemon
  final class Spawner {
    private final SteelmillLate_Plugin.Creator plugins;

    Spawner(SteelmillLate_Plugin.Creator plugins) {
      this.plugins = plugins;
    }

    SteelmillLate_Plugin spawn(String name) {
      SteelmillLate_Plugin plugin = plugins.create(name, new Settings(name + "-settings"));
      plugin.user();
      plugin.start();
      return plugin;
    }

    String host() {
      return plugins.parentName();
    }
  }

  @Ambient
  @Daemon
  final class SharedA implements Lifecycle {
    SharedA() {}
  }

  @Ambient
  @Daemon
  final class SharedB implements Lifecycle {
    volatile boolean prepared;

    SharedB() {}

    @Override
    public void prepare() {
      prepared = true;
    }
  }

  /** A plugin's own settings, handed to its creator. */
  record Settings(String name) {}

  @Factory(parent = Late.class, injected = Settings.class)
  interface Plugin {
    User user();
  }

  @Daemon
  final class User implements Lifecycle {
    final Back back;
    final Settings settings;
    private final Log log;

    User(Back back, Settings settings, Log log) {
      this.back = back;
      this.settings = settings;
      this.log = log;
    }

    @Override
    public void prepare() {
      log.events.add("prepare User " + settings.name() + (back.prepared ? " (Back prepared)" : ""));
    }

    @Override
    public void stop() {
      log.events.add("stop User " + settings.name());
    }
  }
}
