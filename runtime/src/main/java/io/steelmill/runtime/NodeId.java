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
  /** The node of every ambient factory: the shared infrastructure of a cluster. */
  public static final NodeId AMBIENT = new NodeId("ambient");

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

  /**
   * A host's or child's name must name a node: a blank one would be {@link #NONE} (no node:
   * a crash would not reach its tasks), {@code ambient} the cluster's shared infrastructure; a
   * control character or line separator would split or forge the lines of every message and log
   * naming the node (the name often comes from outside: a lease, a request, a plugin). Here, not
   * in {@code NodeTree}, because every child's constructor calls it: loading {@code NodeTree}
   * made a fresh JVM's first build load (verify) the exception classes its start path throws.
   */
  static void checkChildName(String name) {
    String why = name.isBlank() ? "a blank name is no node's"
        : name.equals(AMBIENT.name) ? "\"ambient\" is the shared infrastructure's"
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
