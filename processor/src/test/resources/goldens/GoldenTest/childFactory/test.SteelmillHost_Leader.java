package test;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import javax.annotation.processing.Generated;

/**
 * The Steelmill factory for {@link Host.Leader}, generated for production mode.
 *
 * <p>{@code BINDINGS} lists the bindings this node owns, by id: kind, the class
 * {@code inject} takes (without this package), in brackets the ids its construction
 * needs, name; {@code construct} says how each id is made: the
 * runtime has built those ids first, so it reads them from {@code built}. Each
 * accessor returns the node's instance: the runtime builds it (and what it needs) on
 * first use, once, also under concurrent first use; after that it is an array read.
 * An entry point is its key's accessor. Child factories call the accessors to share
 * this node's daemons.
 */
@Generated(
    value = "io.steelmill.processor.SteelmillProcessor",
    comments = "mode=production; https://github.com/steelmill/steelmill-java#readme"
)
@SuppressWarnings({"deprecation", "removal", "unchecked", "rawtypes"})
public final class SteelmillHost_Leader extends Node implements Host.Leader {
  /**
   * The build mode this factory was generated for.
   */
  public static final String MODE = "production";

  private static final Bindings BINDINGS = Bindings.of("""
  daemon Writer [1] Writer
  injected Lease Lease
  """);

  private final SteelmillHost parentFactory;

  private SteelmillHost_Leader(String name, SteelmillHost parentFactory) {
    super(new FactoryCore(name, BINDINGS), parentFactory);
    this.parentFactory = parentFactory;
  }

  /**
   * Creates a child node named {@code name} of the running node {@code parent}.
   * It may inject every binding of the parent's graph, and stops before it.
   */
  public static SteelmillHost_Leader create(SteelmillHost parent, String name) {
    return new SteelmillHost_Leader(name, parent);
  }

  public Writer writer() {
    return (Writer) get(0);
  }

  Storage getStorage() {
    return parentFactory.storage();
  }

  Lease getLease() {
    return (Lease) get(1);
  }

  @Override
  protected Object construct(int id) throws Throwable {
    switch (id) {
      case 0: return new Writer(getStorage(), (Lease) built[1]);
      default: throw new IndexOutOfBoundsException(id);
    }
  }

  /**
   * Creates children of a running {@link SteelmillHost} node: inject it into a daemon of the parent.
   */
  public static final class Creator {
    private final SteelmillHost parent;

    Creator(SteelmillHost parent) {
      this.parent = parent;
    }

    /**
     * A new child node named {@code name}, not started, with its injected instances:
     * request what it runs, then start it (it stops before its parent).
     */
    public SteelmillHost_Leader create(String name, Lease lease) {
      SteelmillHost_Leader child = new SteelmillHost_Leader(name, parent);
      child.injectAt(1, lease);
      return child;
    }

    /**
     * The parent node's name: a child that runs on its parent's host takes it.
     */
    public String parentName() {
      return parent.name();
    }
  }
}
