package io.steelmill.runtime;

import java.util.Objects;

/**
 * The identity of a node: assigned when the node is created (from the name its factory gives it)
 * and carried by every thread and simulated task it starts, so that platform bindings acting "on
 * the calling node" (binding an endpoint, reading its disk, its clock's skew) know which node
 * that is without looking at thread names. Two nodes with one name (a host and its restart) have
 * equal ids: what a host owns (its address, its disk) outlives an incarnation.
 */
public final class NodeId {
  /** {@link #AMBIENT}'s name, a constant: checking a node's name need not load this class. */
  static final String AMBIENT_NAME = "ambient";

  /** The node of every ambient factory: the shared infrastructure of a cluster. */
  public static final NodeId AMBIENT = new NodeId(AMBIENT_NAME);

  /** No node: the code of the simulation or test itself (the main task, a harness). */
  public static final NodeId NONE = new NodeId("");

  private final String name;

  private NodeId(String name) {
    this.name = name;
  }

  /** The id of the node called {@code name}; {@link #AMBIENT} and {@link #NONE} by their names. */
  public static NodeId of(String name) {
    Objects.requireNonNull(name, "a node's name");
    if (name.equals(AMBIENT.name)) {
      return AMBIENT;
    }
    return name.isEmpty() ? NONE : new NodeId(name);
  }

  /** The node's name: a host name, a lease name, {@code "ambient"}, or empty for {@link #NONE}. */
  public String name() {
    return name;
  }

  /** {@code node/what}: the name of a thread that works for this node ({@code what} for NONE). */
  public String threadName(String what) {
    return this == NONE ? what : name + "/" + what;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeId id && id.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
