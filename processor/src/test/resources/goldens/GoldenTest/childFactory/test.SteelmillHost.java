package test;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import javax.annotation.processing.Generated;

/**
 * The Steelmill factory for {@link Host}, generated for production mode.
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
    comments = "mode=production; https://github.com/steelmill/steelmill-java#readme"
)
@SuppressWarnings({"deprecation", "removal", "unchecked", "rawtypes"})
public final class SteelmillHost extends Node implements Host {
  /**
   * The build mode this factory was generated for.
   */
  public static final String MODE = "production";

  /**
   * The child factories this class was written knowing (it builds before it starts what
   * they take from it): the processor reads it when a child is compiled again alone.
   */
  static final String CHILDREN = "test.Host.Leader";

  private static final Bindings BINDINGS = Bindings.of("""
  daemon Storage Storage
  """);

  private Storage storage;

  private final Ambient ambient;

  private SteelmillHost(String name, Ambient ambient) {
    super(new FactoryCore(name, BINDINGS), ambient);
    this.ambient = ambient;
  }

  /**
   * Creates a node named {@code "main"} with an ambient factory of its own.
   */
  public static SteelmillHost create() {
    return create("main");
  }

  /**
   * Creates a node named {@code name} with an ambient factory of its own, which stops with
   * it.
   */
  public static SteelmillHost create(String name) {
    SteelmillHost node = ambient().node(name);
    node.ownParent();
    return node;
  }

  /**
   * Creates an ambient factory: the root of a cluster, whose nodes share its {@code @Ambient} daemons.
   */
  public static Ambient ambient() {
    return new Ambient();
  }

  public Storage storage() {
    Storage instance = this.storage;
    return present(instance) ? instance : (this.storage = (Storage) memo(0));
  }

  @Override
  protected Object construct(int id) throws Throwable {
    switch (id) {
      case 0: return new Storage();
      default: throw new IndexOutOfBoundsException(id);
    }
  }

  @Override
  protected void buildForChildren() {
    storage();
  }

  /**
   * The ambient factory of {@link SteelmillHost}: the root of a cluster. It owns the {@code @Ambient}
   * daemons, which every node created by {@link #node(String)} shares; it builds them all and
   * starts with the first node, so a node created later finds each one running.
   */
  public static final class Ambient extends Node {
    private static final Bindings BINDINGS = Bindings.of("""
    """);

    private Ambient() {
      super(new FactoryCore("ambient", BINDINGS), null);
    }

    /**
     * Creates a node named {@code name} (a host) that shares this factory's daemons.
     */
    public SteelmillHost node(String name) {
      return new SteelmillHost(name, this);
    }

    @Override
    protected Object construct(int id) throws Throwable {
      throw new IndexOutOfBoundsException(id);
    }
  }
}
