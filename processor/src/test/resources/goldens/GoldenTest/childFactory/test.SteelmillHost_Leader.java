package test;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.internal.FactoryCore;
import javax.annotation.processing.Generated;

/**
 * The Steelmill factory for {@link Host.Leader}, generated for production mode.
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
public final class SteelmillHost_Leader extends Node implements Host.Leader {
  /**
   * The build mode this factory was generated for.
   */
  public static final String MODE = "production";

  private final FactoryCore core;

  private final SteelmillHost parentFactory;

  private volatile Writer writer;

  private volatile Lease lease;

  private SteelmillHost_Leader(FactoryCore core, SteelmillHost parentFactory) {
    super(core, parentFactory);
    this.core = core;
    this.parentFactory = parentFactory;
  }

  /**
   * Creates a child node named {@code name} of the running node {@code parent}.
   * It may inject every binding of the parent's graph, and stops before it.
   */
  public static SteelmillHost_Leader create(SteelmillHost parent, String name) {
    return new SteelmillHost_Leader(new FactoryCore(name), parent);
  }

  @Override
  public Writer writer() {
    return getWriter();
  }

  /**
   * Binding accessor: {@code Writer}.
   */
  public Writer getWriter() {
    Writer instance = writer;
    return instance != null ? instance : buildWriter();
  }

  private Writer buildWriter() {
    core.enter("Writer");
    try {
      if (writer == null) {
        core.checkOpen();
        writer = core.constructed(new Writer(getStorage(), getLease()));
      }
      return writer;
    } catch (Throwable t) {
      throw core.failure(t);
    } finally {
      core.exit();
    }
  }

  /**
   * Binding accessor: {@code Storage}, from the parent node.
   */
  public Storage getStorage() {
    return parentFactory.getStorage();
  }

  /**
   * Binding accessor: {@code Lease}.
   */
  public Lease getLease() {
    Lease instance = lease;
    if (instance == null) {
      throw core.notInjected("Lease");
    }
    return instance;
  }

  @Override
  protected boolean bind(Class<?> type, Object instance) {
    if (type == Writer.class) {
      return bindWriter((Writer) instance);
    }
    if (type == Lease.class) {
      return bindLease((Lease) instance);
    }
    return false;
  }

  private boolean bindWriter(Writer instance) {
    core.enter("Writer");
    try {
      if (writer != null) {
        throw core.alreadyBuilt("Writer");
      }
      writer = core.injected(instance);
      return true;
    } finally {
      core.exit();
    }
  }

  private boolean bindLease(Lease instance) {
    core.enter("Lease");
    try {
      if (lease != null) {
        throw core.alreadyBuilt("Lease");
      }
      lease = core.injected(instance);
      return true;
    } finally {
      core.exit();
    }
  }
}
