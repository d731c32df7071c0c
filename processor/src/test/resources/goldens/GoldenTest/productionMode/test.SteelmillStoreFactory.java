package test;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.internal.FactoryCore;
import javax.annotation.processing.Generated;

/**
 * The Steelmill factory for {@link StoreFactory}, generated for production mode.
 *
 * <p>Each {@code get...()} method is a binding accessor: it returns the node's instance,
 * building it (and what it needs) on first use, once, also under concurrent first use.
 * After that it is a plain field read. The entry points of the interface delegate to
 * them; child factories call them to share this node's daemons.
 */
@Generated(
    value = "io.steelmill.processor.SteelmillProcessor",
    comments = "mode=production; https://github.com/steelmill/steelmill-java#readme"
)
public final class SteelmillStoreFactory extends Node implements StoreFactory {
  /**
   * The build mode this factory was generated for.
   */
  public static final String MODE = "production";

  private final FactoryCore core;

  private final Ambient ambient;

  private volatile Store store;

  private volatile String stringNamedWal;

  private volatile Index index;

  private volatile Config config;

  private SteelmillStoreFactory(FactoryCore core, Ambient ambient) {
    super(core, ambient);
    this.core = core;
    this.ambient = ambient;
  }

  /**
   * Creates a node named {@code "main"} with an ambient factory of its own.
   */
  public static SteelmillStoreFactory create() {
    return create("main");
  }

  /**
   * Creates a node named {@code name} with an ambient factory of its own, which stops with
   * it.
   */
  public static SteelmillStoreFactory create(String name) {
    SteelmillStoreFactory node = ambient().node(name);
    node.ownParent();
    return node;
  }

  /**
   * Creates an ambient factory: the root of a cluster, whose nodes share its {@code @Ambient} daemons.
   */
  public static Ambient ambient() {
    return new Ambient();
  }

  @Override
  public Store store() {
    return getStore();
  }

  @Override
  public Clock clock() {
    return getClock();
  }

  /**
   * Binding accessor: {@code Store}.
   */
  public Store getStore() {
    Store instance = store;
    return instance != null ? instance : buildStore();
  }

  private Store buildStore() {
    core.enter("Store");
    try {
      if (store == null) {
        core.checkOpen();
        store = core.constructed(new Store(getClock(), getStringNamedWal(), this::getIndex));
      }
      return store;
    } catch (Throwable t) {
      throw core.failure(t);
    } finally {
      core.exit();
    }
  }

  /**
   * Binding accessor: {@code Clock}.
   */
  public Clock getClock() {
    return getSystemClock();
  }

  /**
   * Binding accessor: {@code @Named("wal") String}.
   */
  public String getStringNamedWal() {
    String instance = stringNamedWal;
    return instance != null ? instance : buildStringNamedWal();
  }

  private String buildStringNamedWal() {
    core.enter("@Named(\"wal\") String");
    try {
      if (stringNamedWal == null) {
        core.checkOpen();
        stringNamedWal = core.provided(Paths.walPath(getConfig()));
      }
      return stringNamedWal;
    } catch (Throwable t) {
      throw core.failure(t);
    } finally {
      core.exit();
    }
  }

  /**
   * Binding accessor: {@code Index}.
   */
  public Index getIndex() {
    Index instance = index;
    return instance != null ? instance : buildIndex();
  }

  private Index buildIndex() {
    core.enter("Index");
    try {
      if (index == null) {
        core.checkOpen();
        index = core.constructed(new Index());
      }
      return index;
    } catch (Throwable t) {
      throw core.failure(t);
    } finally {
      core.exit();
    }
  }

  /**
   * Binding accessor: {@code SystemClock}.
   */
  public SystemClock getSystemClock() {
    return ambient.getSystemClock();
  }

  /**
   * Binding accessor: {@code Config}.
   */
  public Config getConfig() {
    Config instance = config;
    if (instance == null) {
      throw core.notInjected("Config");
    }
    return instance;
  }

  @Override
  protected boolean bind(Class<?> type, Object instance) {
    if (type == Store.class) {
      return bindStore((Store) instance);
    }
    if (type == Index.class) {
      return bindIndex((Index) instance);
    }
    if (type == Config.class) {
      return bindConfig((Config) instance);
    }
    return false;
  }

  private boolean bindStore(Store instance) {
    core.enter("Store");
    try {
      if (store != null) {
        throw core.alreadyBuilt("Store");
      }
      store = core.injected(instance);
      return true;
    } finally {
      core.exit();
    }
  }

  private boolean bindIndex(Index instance) {
    core.enter("Index");
    try {
      if (index != null) {
        throw core.alreadyBuilt("Index");
      }
      index = core.injected(instance);
      return true;
    } finally {
      core.exit();
    }
  }

  private boolean bindConfig(Config instance) {
    core.enter("Config");
    try {
      if (config != null) {
        throw core.alreadyBuilt("Config");
      }
      config = core.injected(instance);
      return true;
    } finally {
      core.exit();
    }
  }

  /**
   * The ambient factory of {@link SteelmillStoreFactory}: the root of a cluster. It owns the {@code @Ambient}
   * daemons, which every node created by {@link #node(String)} shares, and starts with the first node.
   */
  public static final class Ambient extends Node {
    private final FactoryCore core;

    private volatile SystemClock systemClock;

    private Ambient() {
      this(new FactoryCore("ambient"));
    }

    private Ambient(FactoryCore core) {
      super(core, null);
      this.core = core;
    }

    /**
     * Creates a node named {@code name} (a host) that shares this factory's daemons.
     */
    public SteelmillStoreFactory node(String name) {
      return new SteelmillStoreFactory(new FactoryCore(name), this);
    }

    /**
     * Binding accessor: {@code SystemClock}.
     */
    public SystemClock getSystemClock() {
      SystemClock instance = systemClock;
      return instance != null ? instance : buildSystemClock();
    }

    private SystemClock buildSystemClock() {
      core.enter("SystemClock");
      try {
        if (systemClock == null) {
          core.checkOpen();
          systemClock = core.constructed(new SystemClock());
        }
        return systemClock;
      } catch (Throwable t) {
        throw core.failure(t);
      } finally {
        core.exit();
      }
    }

    @Override
    protected boolean bind(Class<?> type, Object instance) {
      if (type == SystemClock.class) {
        return bindSystemClock((SystemClock) instance);
      }
      return false;
    }

    private boolean bindSystemClock(SystemClock instance) {
      core.enter("SystemClock");
      try {
        if (systemClock != null) {
          throw core.alreadyBuilt("SystemClock");
        }
        systemClock = core.injected(instance);
        return true;
      } finally {
        core.exit();
      }
    }
  }
}
