package io.steelmill.runtime.internal;

import io.steelmill.runtime.NodeId;

/**
 * The node whose code the current thread runs: set by {@code Node} around every construction and
 * lifecycle call and on the node's own threads, read by platform bindings that act on behalf of
 * "this node" (binding a network endpoint in {@code prepare()} or in a constructor, for example).
 * Held by name, as logs and the production bindings use it; {@link #currentId()} types it.
 *
 * <p>Each thread keeps one mutable {@link Cell}: a factory that builds many daemons on one thread
 * looks the cell up once and then sets the node with plain writes, instead of a thread-local
 * lookup and two updates per construction.
 */
public final class NodeContext {
  private static final ThreadLocal<Cell> CURRENT = new ThreadLocal<>();

  /** One thread's current node; only that thread reads or writes it. */
  static final class Cell {
    String node;
  }

  private NodeContext() {}

  /** The current node's name, or null outside any node's code. */
  public static String current() {
    Cell cell = CURRENT.get();
    return cell == null ? null : cell.node;
  }

  /** The current node, or null outside any node's code. */
  public static NodeId currentId() {
    String name = current();
    return name == null ? null : NodeId.of(name);
  }

  /** Sets the current node, returning the previous one for {@link #restore}. */
  public static String enter(String node) {
    Cell cell = cell();
    String previous = cell.node;
    cell.node = node;
    return previous;
  }

  /** Sets the current node, returning the previous one's name for {@link #restore}. */
  public static String enter(NodeId node) {
    return enter(node.name());
  }

  /** Makes {@code previous}, returned by {@link #enter}, the current node again. */
  public static void restore(String previous) {
    Cell cell = CURRENT.get();
    if (cell != null) {
      cell.node = previous;
    } else if (previous != null) {
      cell().node = previous;
    }
  }

  /** The calling thread's cell, created on first use (and kept: the next enter() needs it). */
  static Cell cell() {
    Cell cell = CURRENT.get();
    if (cell == null) {
      cell = new Cell();
      CURRENT.set(cell);
    }
    return cell;
  }
}
