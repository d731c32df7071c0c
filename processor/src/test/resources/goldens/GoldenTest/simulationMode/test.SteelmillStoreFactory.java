package test;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import javax.annotation.processing.Generated;

/**
 * The Steelmill factory for {@link StoreFactory}, generated for simulation mode.
 *
 * <p>{@code BINDINGS} lists the bindings this node owns, by id: kind, the class
 * {@code inject} takes (without this package), in brackets the ids its construction
 * needs, name; {@code construct} says how each id is made: the
 * runtime has built those ids first, so it reads them from {@code built}. Each
 * accessor returns the node's instance: the runtime builds it (and what it needs) on
 * first use, once, also under concurrent first use; after that it is an array read.
 * An entry point is its key's accessor and keeps the instance in a field, so a
 * repeated call is one field read. Child factories call the accessors to
 * share this node's daemons.
 */
@Generated(
    value = "io.steelmill.processor.SteelmillProcessor",
    comments = "mode=simulation; https://github.com/steelmill/steelmill-java#readme"
)
@SuppressWarnings({"deprecation", "removal", "unchecked", "rawtypes"})
public final class SteelmillStoreFactory extends Node implements StoreFactory {
  /**
   * The build mode this factory was generated for.
   */
  public static final String MODE = "simulation";

  private static final Bindings BINDINGS = Bindings.of("""
  daemon Store [1] Store
  provided test.Paths#walPath - [3] @Named("wal") String
  daemon Index Index
  injected Config Config
  """);

  private Store store;
  private volatile Clock clock;

  private final Ambient ambient;

  private SteelmillStoreFactory(String name, Ambient ambient) {
    super(new FactoryCore(name, BINDINGS), ambient);
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

  public Store store() {
    Store instance = this.store;
    return present(instance) ? instance : (this.store = (Store) memo(0));
  }

  public Clock clock() {
    Clock instance = this.clock;
    return instance != null ? instance : (this.clock = getSimClock());
  }

  String getStringNamedWal() {
    return (String) get(1);
  }

  Index getIndex() {
    return (Index) get(2);
  }

  SimClock getSimClock() {
    return ambient.getSimClock();
  }

  Config getConfig() {
    return (Config) get(3);
  }

  @Override
  protected Object construct(int id) throws Throwable {
    switch (id) {
      case 0: return new Store(clock(), (String) built[1], this::getIndex);
      case 1: return Paths.walPath((Config) built[3]);
      case 2: return new Index();
      default: throw new IndexOutOfBoundsException(id);
    }
  }

  /**
   * The ambient factory of {@link SteelmillStoreFactory}: the root of a cluster. It owns the {@code @Ambient}
   * daemons, which every node created by {@link #node(String)} shares; it builds them all and
   * starts with the first node, so a node created later finds each one running.
   */
  public static final class Ambient extends Node {
    private static final Bindings BINDINGS = Bindings.of("""
    daemon SimClock SimClock
    """);

    private Ambient() {
      super(new FactoryCore("ambient", BINDINGS), null);
    }

    /**
     * Creates a node named {@code name} (a host) that shares this factory's daemons.
     */
    public SteelmillStoreFactory node(String name) {
      return new SteelmillStoreFactory(name, this);
    }

    SimClock getSimClock() {
      return (SimClock) get(0);
    }

    @Override
    protected Object construct(int id) throws Throwable {
      switch (id) {
        case 0: return new SimClock();
        default: throw new IndexOutOfBoundsException(id);
      }
    }

    @Override
    protected void buildForChildren() {
      getSimClock();
    }
  }
}
