package io.steelmill.runtime.internal;

import io.steelmill.runtime.NodeId;

/**
 * The node whose code the current thread runs: set by {@code Node} around every construction and
 * lifecycle call and on the node's own threads, read by platform bindings that act on behalf of
 * "this node" (binding a network endpoint in {@code prepare()} or in a constructor, for example).
 * Held by name, as logs and the production bindings use it; {@link #currentId()} types it.
 *
 * <p>Each thread keeps one mutable instance of this class, its cell: a factory that builds many
 * daemons on one thread looks the cell up once and then sets the node with plain writes, instead
 * of a thread-local lookup and two updates per construction. The cell is this class, not one of
 * its own, because every class a fresh JVM's first build loads costs it about a tenth of a
 * millisecond (BENCHMARKS.md, "Issue 12, the first build, seventh pass").
 *
 * <p>Leaving a node clears the cell's {@code inside} flag and keeps its name: a thread that
 * enters the same node again (a factory's every construction) then writes only the flag. A
 * reference written into the cell, which soon lives in the old generation, costs each write G1's
 * post-write barrier, a fence on x86 (about a fifth of the warmed build of 1,000 daemons:
 * BENCHMARKS.md, "Issue 12, the warmed build, seventh pass"); a boolean costs no barrier.
 */
public final class NodeContext {
  private static final ThreadLocal<NodeContext> CURRENT = new ThreadLocal<>();

  /** The node entered last by the thread whose cell this is; current only while {@code inside}. */
  String node;
  /** Whether the thread runs {@code node}'s code now; never true with {@code node} null. */
  boolean inside;

  /** This cell's current node's name, or null (what {@link #current()} returns for its thread). */
  String entered() {
    return inside ? node : null;
  }

  /** Makes {@code name} (null: none) the current node, writing the name only if it changed. */
  void set(String name) {
    if (name != node && name != null) {
      node = name;
    }
    inside = name != null;
  }

  private NodeContext() {}

  /** The current node's name, or null outside any node's code. */
  public static String current() {
    NodeContext cell = CURRENT.get();
    return cell == null ? null : cell.entered();
  }

  /** The current node, or null outside any node's code. */
  public static NodeId currentId() {
    String name = current();
    return name == null ? null : NodeId.of(name);
  }

  /** Sets the current node, returning the previous one for {@link #restore}. */
  public static String enter(String node) {
    NodeContext cell = cell();
    String previous = cell.entered();
    cell.set(node);
    return previous;
  }

  /** Sets the current node, returning the previous one's name for {@link #restore}. */
  public static String enter(NodeId node) {
    return enter(node.name());
  }

  /** Makes {@code previous}, returned by {@link #enter}, the current node again. */
  public static void restore(String previous) {
    NodeContext cell = CURRENT.get();
    if (cell != null) {
      cell.set(previous);
    } else if (previous != null) {
      cell().set(previous);
    }
  }

  /** The calling thread's cell, created on first use (and kept: the next enter() needs it). */
  static NodeContext cell() {
    NodeContext cell = CURRENT.get();
    if (cell == null) {
      cell = new NodeContext();
      CURRENT.set(cell);
    }
    return cell;
  }
}
