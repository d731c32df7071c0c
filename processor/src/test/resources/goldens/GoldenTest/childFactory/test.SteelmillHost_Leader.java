package test;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import javax.annotation.processing.Generated;

/**
 * The Steelmill factory for {@link Host.Leader}, generated for production mode.
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
public final class SteelmillHost_Leader extends Node implements Host.Leader {
  /**
   * The build mode this factory was generated for.
   */
  public static final String MODE = "production";

  private static final Bindings BINDINGS = Bindings.of("""
  daemon test.Writer [1] Writer
  injected test.Lease Lease
  """);

  private final SteelmillHost parentFactory;

  private SteelmillHost_Leader(String name, SteelmillHost parentFactory) {
    super(new FactoryCore(name, BINDINGS, true), parentFactory);
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
    try {
      return (Writer) (begin(0) ? end(new Writer(getStorage(), getLease())) : get(0));
    } catch (Throwable t) {
      throw failed(t);
    }
  }

  Storage getStorage() {
    return parentFactory.storage();
  }

  Lease getLease() {
    return (Lease) get(1);
  }

  @Override
  protected Object construct(int id) {
    switch (id) {
      case 0: return writer();
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
