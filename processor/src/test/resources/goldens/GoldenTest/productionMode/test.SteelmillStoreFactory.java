package test;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import javax.annotation.processing.Generated;

/**
 * The Steelmill factory for {@link StoreFactory}, generated for production mode.
 *
 * <p>{@code BINDINGS} lists the bindings this node owns, by id (in brackets, the ids
 * each one's construction needs). Each accessor returns the node's instance: on
 * first use it constructs it between the runtime's {@code begin} and {@code end},
 * which lock, check for cycles and the seal and publish it, once, also under
 * concurrent first use; {@code failed} names the daemon and its path in an error.
 * After that it is a read of the node's slot. {@code construct} finds an id's
 * accessor. An entry point is its key's accessor. Child factories
 * call the accessors to share this node's daemons.
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

  private static final Bindings BINDINGS = Bindings.of("""
  daemon test.Store [1] Store
  provided test.Paths#walPath - [3] @Named("wal") String
  daemon test.Index Index
  injected test.Config Config
  """);

  private final Ambient ambient;

  private SteelmillStoreFactory(String name, Ambient ambient) {
    super(new FactoryCore(name, BINDINGS, true), ambient);
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
    try {
      return (Store) (begin(0) ? end(new Store(clock(), getStringNamedWal(), this::getIndex)) : get(0));
    } catch (Throwable t) {
      throw failed(t);
    }
  }

  public Clock clock() {
    return getSystemClock();
  }

  String getStringNamedWal() {
    try {
      return (String) (begin(1) ? end(Paths.walPath(getConfig())) : get(1));
    } catch (Throwable t) {
      throw failed(t);
    }
  }

  Index getIndex() {
    try {
      return (Index) (begin(2) ? end(new Index()) : get(2));
    } catch (Throwable t) {
      throw failed(t);
    }
  }

  SystemClock getSystemClock() {
    return ambient.getSystemClock();
  }

  Config getConfig() {
    return (Config) get(3);
  }

  @Override
  protected Object construct(int id) {
    switch (id) {
      case 0: return store();
      case 1: return getStringNamedWal();
      case 2: return getIndex();
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
    daemon test.SystemClock SystemClock
    """);

    private Ambient() {
      super(new FactoryCore("ambient", BINDINGS, true), null);
    }

    /**
     * Creates a node named {@code name} (a host) that shares this factory's daemons.
     */
    public SteelmillStoreFactory node(String name) {
      return new SteelmillStoreFactory(name, this);
    }

    SystemClock getSystemClock() {
      try {
        return (SystemClock) (begin(0) ? end(new SystemClock()) : get(0));
      } catch (Throwable t) {
        throw failed(t);
      }
    }

    @Override
    protected Object construct(int id) {
      switch (id) {
        case 0: return getSystemClock();
        default: throw new IndexOutOfBoundsException(id);
      }
    }

    @Override
    protected void buildForChildren() {
      getSystemClock();
    }
  }
}
