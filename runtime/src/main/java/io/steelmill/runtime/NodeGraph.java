package io.steelmill.runtime;

import io.steelmill.runtime.internal.FactoryCore;

/**
 * The construction side of a {@link Node}, which generated factories call: the dispatch that
 * constructs each binding id, the lookup of an instance by id (built on first use, once, by the
 * node's {@link FactoryCore}), the injection of a child creator's instances, and what a parent
 * builds before it seals for the children it declares.
 *
 * <p>Why a class of its own: it is the whole of what a node does while it is being built, and the
 * only part on the hot path (a lookup is a read of {@link #built}); the lifecycle ({@link Node}
 * and the classes it names) is what a node does once started. It is not public: users see these
 * members as {@code Node}'s, and only generated subclasses call them.
 */
abstract class NodeGraph {
  final FactoryCore core;
  /**
   * For generated factories: the node's instances by binding id (the core's), the lookup's fast
   * path. A {@link #construct} case reads what its binding needs from here: the core builds every
   * id the binding's line in {@code BINDINGS} lists before it calls {@code construct}, on the
   * thread that holds the node's lock. Never written by generated code.
   */
  protected final Object[] built;

  NodeGraph(FactoryCore core) {
    this.core = core;
    this.built = core.slots();
    core.constructWith(Dispatch.INSTANCE, this);
  }

  /**
   * A host's or child's name must name a node: a blank one would be {@link NodeId#NONE} (no node:
   * a crash would not reach its tasks), {@code ambient} the cluster's shared infrastructure; a
   * control character or line separator would split or forge the lines of every message and log
   * naming the node (the name often comes from outside: a lease, a request, a plugin). Here,
   * where every node's constructor is, because a class of its own to load costs a fresh JVM's
   * first build about a tenth of a millisecond (BENCHMARKS.md, "Issue 12, the first build,
   * seventh pass"): {@code NodeTree}, where it was, made it load the exception classes of the
   * start path as well, and {@code NodeId} is not needed before a node starts.
   */
  static void checkChildName(String name) {
    String why = name.isBlank() ? "a blank name is no node's"
        : name.equals(NodeId.AMBIENT_NAME) ? "\"ambient\" is the shared infrastructure's"
        : hasLineControl(name) ? "a control character or line break would split every message"
            + " and log line naming it"
        : null;
    if (why != null) {
      throw new IllegalArgumentException("A node cannot be named \""
          + FactoryException.printable(name) + "\": " + why
          + ". Fix: give the node a name of its own, such as \"n0\".");
    }
  }

  /** Whether {@code name} holds a control character or one of Unicode's line separators. */
  private static boolean hasLineControl(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  /** The node's core: its instances, construction lock, order and seal. */
  final FactoryCore core() {
    return core;
  }

  /**
   * Every node's dispatch, handed to its core without exposing {@link #construct} publicly: one
   * instance for all nodes (a node costs no object for it), and one receiver type at the call.
   */
  private static final class Dispatch implements FactoryCore.Dispatch {
    static final Dispatch INSTANCE = new Dispatch();

    @Override
    public Object construct(Object node, int id) throws Throwable {
      return ((NodeGraph) node).construct(id);
    }
  }

  /**
   * For generated factories: constructs the instance of binding {@code id} (one case of the
   * generated dispatch). Called once per id, under the factory's lock, by {@link #get(int)},
   * once the ids that {@code id}'s line of the binding table lists are in {@link #built}: a case
   * reads them there (one array read per dependency, no call).
   */
  protected abstract Object construct(int id) throws Throwable;

  /** For generated factories: the instance of binding {@code id}, built on first use. */
  protected final Object get(int id) {
    Object instance = built[id];
    if (instance != null) {
      java.lang.invoke.VarHandle.acquireFence(); // an acquire read: pairs with the core's release
      return instance;
    }
    return core.build(id);
  }

  /**
   * For generated entry points that keep their instance in a plain field: the instance of binding
   * {@code id}, as {@link #get(int)} returns it, after a release fence (its own, or, when it had
   * to build, the core's: {@code FactoryCore.build} returns after one on every path, so a fresh
   * JVM's first build pays no second one). The field's write follows the fence, so it is a
   * release write: a thread that reads the field and then calls {@link #present} sees the
   * instance as its constructor left it, whichever thread built it. A plain
   * field, not a volatile one, because a volatile write is a full fence on x86 (a locked
   * instruction per first call: about a tenth of the warmed build of a large graph, BENCHMARKS.md
   * "Issue 12, the warmed build, sixth pass"), where these two fences emit no instruction. A
   * racing reader that finds the field null just takes this path again: the node's lock still
   * builds the instance once.
   */
  protected final Object memo(int id) {
    // get(id), copied: a fresh JVM's first build runs this interpreted, once per entry point
    Object instance = built[id];
    if (instance == null) {
      return core.build(id); // which returns after a release fence: see FactoryCore.build
    }
    java.lang.invoke.VarHandle.acquireFence();
    java.lang.invoke.VarHandle.releaseFence(); // the caller's field write is a release write
    return instance;
  }

  /**
   * For generated entry points: whether {@code instance}, read from a field that {@link
   * #memo(int)}'s result was written to, is there, the read made an acquire read (the same as a
   * volatile read, and as cheap: on x86 it emits no instruction). Static and tiny, so that the
   * entry point stays under C1's 35-byte inlining limit and a repeated call stays one field read.
   * Not generic, and a condition rather than the value: javac infers a generic call's type per
   * call, about 0.4 s of CPU for a factory of 1,000 entry points (BENCHMARKS.md, "javac with the
   * processor, seventh pass").
   */
  protected static boolean present(Object instance) {
    if (instance == null) {
      return false; // nothing read to order: no fence (a fresh JVM's first build takes this
      // path once per entry point, interpreted, where the fence is two calls)
    }
    java.lang.invoke.VarHandle.acquireFence(); // with the caller's plain read: an acquire read
    return true;
  }

  /**
   * For generated factories: builds the bindings whose ids {@code ids} lists, in that order,
   * separated by spaces or line breaks ({@code buildForChildren} of a large graph: one constant
   * instead of a call per binding).
   */
  protected final void buildAll(String ids) {
    BindingIds.forEach(ids, this::get);
  }

  /** For generated child creators: hands in the instance of the injected binding {@code id}. */
  protected final void injectAt(int id, Object instance) {
    if (core.isSealed()) {
      throw Refusals.injectAtSealed(this);
    }
    core.inject(id, instance);
  }

  /**
   * For generated factories: builds, before the node seals, every binding that its declared
   * child factories (or, for an ambient factory, its hosts) can reach, so that a child created
   * at any time finds them built and prepared.
   */
  protected void buildForChildren() {}
}
